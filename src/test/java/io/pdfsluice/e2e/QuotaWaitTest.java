package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A spent quota never dead-letters a document (issue 19): documents wait far past sluice.retry.max-wait-ms, then go
 * once the quota is renewed, none failed.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "quota-wait"), @ResourceArg(name = "sluice.retry.max-wait-ms", value = "300"),
        @ResourceArg(name = "sluice.plan.quota-pause-ms", value = "200") })
class QuotaWaitTest {

    static final Path INBOX = Folders.inbox("quota-wait");
    static final Path OUTBOX = Folders.outbox("quota-wait");

    @Test
    void documentsWaitingForTheQuotaWaitPastTheMaxWaitAndAreNotDeadLettered() throws Exception {
        ApiEmulator api = HostedApi.freshEmulator().quota(2);
        Drop.text(INBOX, "month-end.jsonl", Manifests.jsonl("me", 6));
        Thread.sleep(3_000); // ten times the max wait, with the quota spent all along
        assertTrue(Files.notExists(OUTBOX.resolve("month-end.report.json")), "the file has not ended");
        assertTrue(Files.notExists(OUTBOX.resolve("month-end.failures.jsonl")), "nothing dead-lettered");
        assertEquals(2, api.successes());
        assertTrue(api.count(429) >= 1, "the quota was met");
        api.quota(1_000); // the next period
        JsonNode report = report(OUTBOX, "month-end");
        assertEquals(6, report.get("ok").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt(), report.toString());
    }
}
