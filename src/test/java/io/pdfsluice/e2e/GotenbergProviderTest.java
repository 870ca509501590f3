package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gotenberg profile: multipart to the Chromium routes (index.html; Markdown as document.md beside an index.html
 * that includes it), basic auth from the key, and a full queue (503, 429) waited out rather than failed.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "gotenberg"), @ResourceArg(name = "provider", value = "gotenberg") })
class GotenbergProviderTest {

    static final Path INBOX = Folders.inbox("gotenberg");
    static final Path OUTBOX = Folders.outbox("gotenberg");

    @Test
    void htmlGoesAsIndexHtmlToTheHtmlRouteWithBasicAuth() throws IOException {
        HostedApi.freshEmulator();
        Drop.text(INBOX, "flyer.html", "<html><head><title>Flyer</title></head><body><p>Sale</p></body></html>");
        assertEquals(1, report(OUTBOX, "flyer").get("ok").asInt());
        assertPdf(OUTBOX.resolve("flyer.pdf"), 1, "Flyer");
        Recorded call = HostedApi.emulator().requests().get(0);
        assertEquals("/forms/chromium/convert/html", call.path());
        String type = call.header("content-type");
        assertTrue(type.startsWith("multipart/form-data;") && type.contains("boundary="), type);
        assertEquals("Basic " + Base64.getEncoder().encodeToString(HostedApi.KEY.getBytes(StandardCharsets.UTF_8)),
                call.header("authorization"));
        assertTrue(call.bodyText().contains("filename=\"index.html\""), call.bodyText());
    }

    @Test
    void markdownGoesAsAMarkdownFileThatIndexHtmlIncludes() throws IOException {
        HostedApi.freshEmulator();
        Drop.text(INBOX, "notes.md", "# Meeting notes\n\n- one\n- two\n");
        assertEquals(1, report(OUTBOX, "notes").get("ok").asInt());
        assertPdf(OUTBOX.resolve("notes.pdf"), 1, "Meeting notes");
        Recorded call = HostedApi.emulator().requests().get(0);
        assertEquals("/forms/chromium/convert/markdown", call.path());
        String body = call.bodyText();
        assertTrue(body.contains("filename=\"document.md\"") && body.contains("# Meeting notes"), body);
        assertTrue(body.contains("{{ toHTML \"document.md\" }}"), body);
    }

    @Test
    void aFullQueueOrATimedOutConversionIsWaitedOutNotFailed() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().failEvery(2, 503);
        Drop.text(INBOX, "queue.jsonl", "{\"id\":\"q1\",\"html\":\"<p>1</p>\"}\n{\"id\":\"q2\",\"html\":\"<p>2</p>\"}\n"
                + "{\"id\":\"q3\",\"html\":\"<p>3</p>\"}\n");
        JsonNode report = report(OUTBOX, "queue");
        assertEquals(3, report.get("ok").asInt(), report.toString());
        assertTrue(api.count(503) >= 1, "Gotenberg answered 503 at least once");
    }
}
