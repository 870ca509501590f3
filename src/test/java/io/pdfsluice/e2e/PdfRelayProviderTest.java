package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The pdfrelay profile (seed 003): its request as the profile defines it, and its nested 429 body. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "pdfrelay"), @ResourceArg(name = "provider", value = "pdfrelay"),
        // one document a request: the single endpoint's shape (PdfRelayBatchTest has the batches)
        @ResourceArg(name = "sluice.api.batch-size", value = "1") })
class PdfRelayProviderTest {

    static final Path INBOX = Folders.inbox("pdfrelay");
    static final Path OUTBOX = Folders.outbox("pdfrelay");

    @Test
    void documentsArePostedAsHtmlFilenameAndTitle() throws IOException {
        HostedApi.freshEmulator();
        Drop.text(INBOX, "orders.jsonl", "{\"id\":\"o1\",\"title\":\"Order 1\",\"markdown\":\"# Order one\"}\n");
        assertEquals(1, report(OUTBOX, "orders").get("ok").asInt());
        assertPdf(OUTBOX.resolve("orders/o1.pdf"), 1, "Order 1");
        Recorded call = HostedApi.emulator().requests().get(0);
        assertEquals("/v1/pdf", call.path());
        assertEquals("Bearer " + HostedApi.KEY, call.header("authorization"));
        JsonNode body = Outputs.JSON.readTree(call.body());
        assertEquals("o1.pdf", body.get("filename").asText());
        assertEquals("Order 1", body.get("title").asText());
        assertTrue(body.get("html").asText().contains("<h1>Order one</h1>"), body.toString());
    }

    @Test
    void theWaitInTheNestedErrorDetailsIsHonouredWhenNoRetryAfterHeaderComes() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().limits(new Window(2, 2_000)).retryAfterInBodyOnly();
        Drop.text(INBOX, "rush.jsonl", "{\"id\":\"a\",\"markdown\":\"# A\"}\n{\"id\":\"b\",\"markdown\":\"# B\"}\n"
                + "{\"id\":\"c\",\"markdown\":\"# C\"}\n{\"id\":\"d\",\"markdown\":\"# D\"}\n");
        JsonNode report = report(OUTBOX, "rush");
        assertEquals(4, report.get("ok").asInt(), report.toString());
        assertTrue(api.count(429) >= 1, "a 429 came");
        JsonNode error = Outputs.JSON.readTree(api.lastRateLimitedBody());
        assertEquals("RATE_LIMITED", error.at("/error/code").asText(), error.toString());
        long waitMs = error.at("/error/details/retry_after").asLong() * 1000;
        HostedApi.assertWaitedOutAfterFirst429(api, waitMs);
    }
}
