package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The custom profile: a vendor described by configuration alone (FUNBREW's documented request, with the key in a
 * named header instead of Bearer), no Java of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "custom"), @ResourceArg(name = "provider", value = "custom"),
        @ResourceArg(name = "sluice.api.path", value = "/api/v1/pdf"),
        @ResourceArg(name = "sluice.api.template", value = "{\"html\": \"{{html}}\", \"filename\": \"{{id}}.pdf\", "
                + "\"options\": {\"title\": \"Doc {{title}}\"}}"),
        @ResourceArg(name = "sluice.api.auth", value = "header:X-API-Key"),
        @ResourceArg(name = "sluice.api.retry-after-field", value = "/retry_after") })
class CustomProviderTest {

    static final Path INBOX = Folders.inbox("custom");
    static final Path OUTBOX = Folders.outbox("custom");

    @Test
    void theConfiguredTemplateIsFilledAndTheKeyGoesInTheNamedHeaderOnly() throws IOException {
        HostedApi.freshEmulator();
        Drop.text(INBOX, "memo.jsonl", "{\"id\":\"m1\",\"title\":\"Memo \\\"one\\\"\",\"markdown\":\"# Memo\"}\n");
        assertEquals(1, report(OUTBOX, "memo").get("ok").asInt());
        assertTrue(new String(Files.readAllBytes(OUTBOX.resolve("memo/m1.pdf")), 0, 5).equals("%PDF-"));
        Recorded call = HostedApi.emulator().requests().get(0);
        assertEquals("/api/v1/pdf", call.path());
        assertEquals(HostedApi.KEY, call.header("x-api-key"));
        assertNull(call.header("authorization"), "no Bearer header besides the named one");
        JsonNode body = Outputs.JSON.readTree(call.body());
        assertEquals("m1.pdf", body.path("filename").asText(), body.toString());
        assertEquals("Doc Memo \"one\"", body.at("/options/title").asText(),
                "a quote in the title is a value in the JSON, not a break out of it");
        assertTrue(body.get("html").asText().contains("<h1>Memo</h1>"), body.toString());
        assertTrue(!Files.readString(Path.of("target", "quarkus.log")).contains(HostedApi.KEY), "key in the log");
    }

    @Test
    void theConfiguredRetryAfterFieldIsRead() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().limits(new Window(2, 2_000)).retryAfterInBodyOnly();
        Drop.text(INBOX, "wave.jsonl", "{\"id\":\"w1\",\"markdown\":\"# 1\"}\n{\"id\":\"w2\",\"markdown\":\"# 2\"}\n"
                + "{\"id\":\"w3\",\"markdown\":\"# 3\"}\n{\"id\":\"w4\",\"markdown\":\"# 4\"}\n");
        assertEquals(4, report(OUTBOX, "wave").get("ok").asInt());
        assertTrue(api.count(429) >= 1, "a 429 came");
        long waitMs = Outputs.JSON.readTree(api.lastRateLimitedBody()).get("retry_after").asLong() * 1000;
        HostedApi.assertWaitedOutAfterFirst429(api, waitMs);
    }
}
