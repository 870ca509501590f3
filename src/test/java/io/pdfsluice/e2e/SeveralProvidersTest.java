package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two providers at once through the real routes: Markdown and HTML to the default provider (Blink's shape), PDFs to
 * the named provider "scans" (ChangeThisFile's shape) on its own origin, key and plan. Each API sees only its own
 * documents and its own key, each plan is held on its own, and the report, the metrics and the health say which
 * provider did what.
 */
@QuarkusTest
@QuarkusTestResource(value = TwoApis.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "several") })
class SeveralProvidersTest {

    static final Path INBOX = Folders.inbox("several");
    static final Path OUTBOX = Folders.outbox("several");

    @Test
    void eachKindGoesToItsProviderWithThatProvidersKeyOnly() throws IOException {
        TwoApis.fresh();
        Drop.text(INBOX, "mixed.jsonl", "{\"id\":\"m1\",\"title\":\"Memo 1\",\"markdown\":\"# Memo 1\"}\n"
                + "{\"id\":\"h1\",\"html\":\"<html><head><title>Page 1</title></head><body>one</body></html>\"}\n");
        Drop.bytes(INBOX, "scan.pdf", Drop.pdf(1));
        JsonNode mixed = report(OUTBOX, "mixed");
        JsonNode scan = report(OUTBOX, "scan");
        assertEquals(2, mixed.get("ok").asInt(), mixed.toString());
        assertEquals(1, scan.get("ok").asInt(), scan.toString());
        assertPdf(OUTBOX.resolve("mixed/m1.pdf"), 1, "Memo 1");
        Outputs.assertImage(OUTBOX.resolve("scan/page-001.jpg"));

        assertEquals(2, mixed.get("delivered_by").get("blink").asInt(), mixed.toString());
        assertEquals(1, mixed.get("delivered_by").size(), mixed.toString());
        assertEquals(1, scan.get("delivered_by").get("scans").asInt(), scan.toString());

        List<Recorded> docs = TwoApis.docs().requests();
        List<Recorded> scans = TwoApis.scans().requests();
        assertEquals(2, docs.size());
        assertEquals(1, scans.size());
        docs.forEach(r -> assertEquals("/v1/render", r.path()));
        docs.forEach(r -> assertEquals("Bearer " + TwoApis.DOCS_KEY, r.header("authorization")));
        scans.forEach(r -> assertEquals("/v1/convert", r.path()));
        scans.forEach(r -> assertEquals("Bearer " + TwoApis.SCANS_KEY, r.header("authorization")));
        assertTrue(Stream.concat(docs.stream(), scans.stream()).noneMatch(r -> r.status() != 200));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sluice_requests_total{provider=\"blink\",status=\"200\"}"))
                .body(containsString("sluice_requests_total{provider=\"scans\",status=\"200\"}"))
                .body(containsString("sluice_breaker_state{provider=\"scans\"}"))
                .body(containsString("sluice_pace_window_used{provider=\"blink\"}"));
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("breaker blink")).body(containsString("breaker scans"));
    }

    @Test
    void eachProvidersPlanIsHeldOnItsOwn() throws IOException {
        TwoApis.fresh();
        // the scans API allows what its plan says (3 per 2 s), the docs API its own 600/min: were the scans paced by
        // the default plan, or the docs by the scans plan, 429s would come or the docs would crawl
        ApiEmulator scans = TwoApis.scans().limits(new Window(3, 2_000));
        TwoApis.docs().limits(new Window(600, 60_000));
        for (int i = 1; i <= 7; i++) {
            Drop.bytes(INBOX, "page-" + i + ".pdf", Drop.pdf(1));
        }
        StringBuilder memos = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            memos.append("{\"id\":\"n").append(i).append("\",\"markdown\":\"# Note ").append(i).append("\"}\n");
        }
        Drop.text(INBOX, "notes.jsonl", memos.toString());
        JsonNode notes = report(OUTBOX, "notes");
        assertEquals(20, notes.get("ok").asInt(), notes.toString());
        for (int i = 1; i <= 7; i++) {
            assertEquals(1, report(OUTBOX, "page-" + i).get("ok").asInt());
        }
        assertEquals(0, scans.count(429), "the scans plan paced the scans");
        assertEquals(0, TwoApis.docs().count(429));
        assertTrue(scans.maxAcceptedInAnyWindow(2_000) <= 3, "at most 3 scans in any 2 s");
        assertEquals(7, scans.successes());
        assertEquals(20, TwoApis.docs().successes(), "the docs were not held to the scans plan");
    }
}
