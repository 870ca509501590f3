package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.delivery.Breakers;
import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * sluice.fallback=local through the real routes: while the hosted API's breaker is open, or its quota is spent, its
 * documents go to the embedded engine instead of waiting, and the report says which provider delivered how many.
 * (Without it a document waits: DeliveryTest's outage ends with every document delivered by the API.)
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "fallback"), @ResourceArg(name = "sluice.fallback", value = "local"),
        @ResourceArg(name = "sluice.plan.quota-pause-ms", value = "60000"),
        // the engine renders one page at most here: a longer document is one it cannot render
        @ResourceArg(name = "sluice.engine.max-pages", value = "1") })
class FallbackTest {

    static final Path INBOX = Folders.inbox("fallback");
    static final Path OUTBOX = Folders.outbox("fallback");

    @Inject
    Breakers breakers;

    /** Each test starts with the API's breaker closed: an outage of the test before leaves it open. */
    @BeforeEach
    void closeTheBreakers() {
        breakers.all().values().forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
    }

    @Test
    void whileTheBreakerIsOpenDocumentsGoToTheEmbeddedEngineInsteadOfWaiting() throws IOException {
        // an outage far longer than the report is awaited: waiting for the API would not end the batch in time
        ApiEmulator api = HostedApi.freshEmulator().outageNow(120_000);
        Drop.text(INBOX, "outage.jsonl", Manifests.jsonl("outage", 20));
        JsonNode report = report(OUTBOX, "outage");
        assertEquals(20, report.get("ok").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt(), report.toString());
        assertEquals(20, report.get("delivered_by").get("local").asInt(), report.toString());
        assertTrue(api.count(503) >= 5, "the breaker opened on the API's outage: " + api.count(503));
        assertEquals(0, api.successes());
        assertPdf(OUTBOX.resolve("outage/outage-001.pdf"), 1, "outage 001");
    }

    @Test
    void aDocumentTheEngineCannotRenderWaitsForItsOwnProvider() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().outageNow(4_000);
        String longMarkdown = Manifests.longMarkdown(20_000).replace("\n", "\\n").replace("\"", "\\\"");
        Drop.text(INBOX, "mixed-sizes.jsonl", Manifests.jsonl("short", 8)
                + "{\"id\":\"long\",\"title\":\"Long\",\"markdown\":\"" + longMarkdown + "\"}\n");
        JsonNode report = report(OUTBOX, "mixed-sizes");
        assertEquals(9, report.get("ok").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt(), report.toString());
        JsonNode by = report.get("delivered_by");
        assertTrue(by.path("local").asInt() >= 1, "the short ones went to the engine: " + report);
        assertTrue(by.path("blink").asInt() >= 1, "the long one waited for the API: " + report);
        assertTrue(api.requests().stream().anyMatch(r -> r.status() == 200 && r.bodyText().contains("Long")),
                "the API converted the long one once it was back");
    }

    @Test
    void whenTheQuotaIsSpentTheRestGoToTheEmbeddedEngine() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().quota(4);
        Drop.text(INBOX, "month-end.jsonl", Manifests.jsonl("month-end", 12));
        JsonNode report = report(OUTBOX, "month-end");
        assertEquals(12, report.get("ok").asInt(), report.toString());
        JsonNode by = report.get("delivered_by");
        assertTrue(api.successes() >= 1 && api.successes() <= 4, "the quota admitted " + api.successes());
        assertEquals(api.successes(), by.get("blink").asInt(), "what the API converted is its: " + report);
        assertEquals(12 - api.successes(), by.get("local").asInt(), "the rest the engine's: " + report);
    }
}
