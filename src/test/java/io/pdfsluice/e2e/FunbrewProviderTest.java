package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The funbrew profile (seed 001) against the emulator: its request, and its 429 whose wait is in the body. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "funbrew"), @ResourceArg(name = "provider", value = "funbrew") })
class FunbrewProviderTest {

    static final Path INBOX = Folders.inbox("funbrew");
    static final Path OUTBOX = Folders.outbox("funbrew");

    @Test
    void markdownIsRenderedToHtmlHereAndPostedAsFunbrewsHtmlAndFilename() throws IOException {
        HostedApi.freshEmulator();
        Drop.text(INBOX, "receipts.jsonl", "{\"id\":\"r1\",\"title\":\"Receipt 1\",\"markdown\":\"# Receipt 1\\n\\n*paid*\"}\n"
                + "{\"id\":\"r2\",\"html\":\"<html><head><title>Receipt 2</title></head><body>two</body></html>\"}\n");
        JsonNode report = report(OUTBOX, "receipts");
        assertEquals(2, report.get("ok").asInt(), report.toString());
        assertPdf(OUTBOX.resolve("receipts/r1.pdf"), 1, "Receipt 1");
        assertPdf(OUTBOX.resolve("receipts/r2.pdf"), 1, "Receipt 2");

        List<Recorded> calls = HostedApi.emulator().requests();
        assertEquals(2, calls.size());
        for (Recorded call : calls) {
            assertEquals("POST", call.method());
            assertEquals("/api/v1/pdf", call.path());
            assertEquals("Bearer " + HostedApi.KEY, call.header("authorization"));
            assertEquals("application/pdf", call.header("accept"));
            JsonNode body = Outputs.JSON.readTree(call.body());
            assertEquals(2, body.size(), "nothing but html and filename: " + body);
            assertTrue(body.get("filename").asText().matches("r[12]\\.pdf"), body.toString());
        }
        JsonNode first = Outputs.JSON.readTree(calls.stream().filter(c -> c.bodyText().contains("r1.pdf"))
                .findFirst().orElseThrow().body());
        String html = first.get("html").asText();
        assertTrue(html.contains("<h1>Receipt 1</h1>") && html.contains("<em>paid</em>"),
                "the Markdown went as HTML: " + html);
    }

    @Test
    void aRateLimitWhoseWaitIsOnlyInTheBodyIsWaitedOutAndNothingFails() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().limits(new Window(3, 2_000)).retryAfterInBodyOnly();
        StringBuilder manifest = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            manifest.append("{\"id\":\"b").append(i).append("\",\"markdown\":\"# Burst ").append(i).append("\"}\n");
        }
        Drop.text(INBOX, "burst.jsonl", manifest.toString());
        JsonNode report = report(OUTBOX, "burst");
        assertEquals(6, report.get("ok").asInt(), report.toString());
        assertTrue(api.count(429) >= 1, "the plan (600/min) is faster than the server's 3 per 2 s: a 429 came");
        long retryAfterMs = Outputs.JSON.readTree(api.lastRateLimitedBody()).get("retry_after").asLong() * 1000;
        HostedApi.assertWaitedOutAfterFirst429(api, retryAfterMs);
        assertEquals(0, report.get("failed").asInt());
    }

    @Test
    void aPdfIsRefusedClearlyBecauseFunbrewRendersHtml() throws IOException {
        HostedApi.freshEmulator();
        Drop.bytes(INBOX, "scan.pdf", Drop.pdf(1));
        String reason = report(OUTBOX, "scan").get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("provider funbrew renders Markdown and HTML only"), reason);
        assertEquals(0, HostedApi.emulator().requests().size(), "nothing was sent");
    }
}
