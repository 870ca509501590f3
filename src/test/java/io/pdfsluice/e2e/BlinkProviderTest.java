package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The Blink shape against a hosted API on loopback: the request it sends, and what lands in the outbox. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "blink"), @ResourceArg(name = "provider", value = "blink") })
class BlinkProviderTest {

    static final Path INBOX = Folders.inbox("blink");
    static final Path OUTBOX = Folders.outbox("blink");

    @Test
    void markdownRecordsArePostedAsBlinkRenderRequestsWithTheKey() throws IOException {
        Drop.text(INBOX, "statements.jsonl", "{\"id\":\"s1\",\"title\":\"Statement 1\",\"markdown\":\"# Statement 1\"}\n"
                + "{\"id\":\"s2\",\"title\":\"Statement 2\",\"markdown\":\"# Statement 2\"}\n");
        JsonNode report = report(OUTBOX, "statements");
        assertEquals(2, report.get("ok").asInt());
        assertPdf(OUTBOX.resolve("statements/s1.pdf"), 1, "Statement 1");
        assertPdf(OUTBOX.resolve("statements/s2.pdf"), 1, "Statement 2");

        List<Recorded> calls = HostedApi.emulator().requests().stream()
                .filter(r -> r.bodyText().contains("Statement")).toList(); // the other tests share the emulator
        assertEquals(2, calls.size());
        for (Recorded call : calls) {
            assertEquals("POST", call.method());
            assertEquals("/v1/render", call.path());
            assertEquals("Bearer " + HostedApi.KEY, call.header("authorization"));
            assertTrue(call.header("content-type").startsWith("application/json"));
            assertEquals(32, call.header("idempotency-key").length());
            JsonNode body = Outputs.JSON.readTree(call.body());
            assertTrue(body.get("markdown").asText().startsWith("# Statement"));
            assertTrue(body.get("metadata").get("title").asText().startsWith("Statement"));
        }
    }

    @Test
    void anHtmlDocumentIsPostedInTheDocumentedMarkdownFieldWhichAStrictServerAccepts() throws IOException {
        String html = "<!DOCTYPE html>\n<html><head><title>Invoice 7</title></head>\n<body>\n<h1>Invoice 7</h1>\n"
                + "<p>Total: 7 &euro;</p>\n</body></html>\n";
        Drop.text(INBOX, "invoice-7.html", html);
        assertEquals(1, report(OUTBOX, "invoice-7").get("ok").asInt());
        assertPdf(OUTBOX.resolve("invoice-7.pdf"), 1, "Invoice 7");
        Recorded call = HostedApi.emulator().requests().stream()
                .filter(r -> r.bodyText().contains("Invoice 7") && r.status() == 200).findFirst().orElseThrow();
        JsonNode body = Outputs.JSON.readTree(call.body());
        assertEquals(html, body.get("markdown").asText(), "the HTML goes as it is, in \"markdown\"");
        assertFalse(body.has("html"), body.toString());
        assertEquals(2, body.size(), "nothing but markdown and metadata: " + body);
    }

    @Test
    void pdfInputIsRefusedClearlyBecauseBlinkOnlyRenders() throws IOException {
        Drop.bytes(INBOX, "scan.pdf", Drop.pdf(2));
        String reason = report(OUTBOX, "scan").get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("provider blink renders Markdown and HTML only"), reason);
    }

    @Test
    void theApiKeyNeverAppearsInTheLogEvenWhenTheApiRefusesARequest() throws IOException {
        HostedApi.emulator().rejectIf(r -> r.bodyText().contains("REJECT-ME"), 422, "cannot render this");
        Drop.text(INBOX, "keycheck.jsonl", "{\"id\":\"fine\",\"markdown\":\"# Fine\"}\n"
                + "{\"id\":\"refused\",\"markdown\":\"REJECT-ME\"}\n");
        JsonNode report = report(OUTBOX, "keycheck");
        assertEquals(1, report.get("ok").asInt());
        String reason = report.get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("HTTP 422") && reason.contains("cannot render this"), reason);
        Path log = Path.of("target", "quarkus.log");
        String text = Files.readString(log);
        assertTrue(text.contains("keycheck.jsonl"), "the test profile logs to target/quarkus.log");
        assertFalse(text.contains(HostedApi.KEY), "the API key leaked into the log");
    }
}
