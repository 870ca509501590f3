package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An outage while a large manifest is in work, on a plan that allows 256 documents in flight: the documents wait,
 * none is dead-lettered, and the file is taken once. With asynchronous redelivery every document waiting out the
 * open breaker gave its thread back, the split started the next, and the whole manifest piled up in Camel's
 * redelivery scheduler until its queue limit (1,000) failed documents and, with them, the file, which was then
 * taken a second time.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "outage-at-scale"), @ResourceArg(name = "limits", value = "100000/1s") })
class OutageAtScaleTest {

    static final Path INBOX = Folders.inbox("outage-at-scale");
    static final Path OUTBOX = Folders.outbox("outage-at-scale");

    @Test
    void documentsWaitingOutAnOutageStayBoundedAndTheFileIsTakenOnce() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().sameAnswerEveryTime();
        api.outageNow(4_000);
        Drop.text(INBOX, "big.jsonl", Manifests.jsonl("big", 3_000));
        JsonNode report = report(OUTBOX, "big");
        assertEquals(3_000, report.get("ok").asInt(), report::toString);
        assertEquals(0, report.get("failed").asInt(), report::toString);
        assertEquals(0, report.get("skipped").asInt(), "a second pickup would find the first one's PDFs and skip them");
        assertTrue(api.count(503) > 0, "the outage was seen");
        assertEquals(3_000, api.successes());
        assertEquals(0, api.duplicateSuccesses());
        // the inbox route files the input once its report is written
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Files.exists(INBOX.resolve(".done/big.jsonl")));
    }
}
