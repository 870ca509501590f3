package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Plan-aware delivery against the rate-limited emulator, plan 10 per 2 s: the throttle's sliding window, 429s,
 * outages, faults and rejections, each ending with every document delivered once or dead-lettered with a reason.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "delivery"), @ResourceArg(name = "limits", value = "10/2s"),
        @ResourceArg(name = "response-timeout-ms", value = "1000"),
        // the fault script fails about 4 requests in 9 (every 4th, 9th, 13th), by arrival order: with 5 attempts a
        // document whose retries kept landing on faults was now and then dead-lettered, as it should be (seen once
        // in CI); 10 make that practically impossible, so the test checks delivery, not luck
        @ResourceArg(name = "sluice.retry.attempts", value = "10") })
class DeliveryTest {

    static final Path INBOX = Folders.inbox("delivery");
    static final Path OUTBOX = Folders.outbox("delivery");

    ApiEmulator api;

    @BeforeEach
    void freshEmulator() {
        api = HostedApi.freshEmulator();
    }

    @Test
    void theThrottleSendsAFullWindowAtOnceAndNeverMoreThanThePlanAllows() throws Exception {
        api.limits(new Window(10, 2000));
        Thread.sleep(2_500); // the requests of earlier tests leave the plan's window, so a full burst is allowed
        Drop.text(INBOX, "burst.jsonl", Manifests.jsonl("burst", 35));
        JsonNode report = report(OUTBOX, "burst");
        assertEquals(35, report.get("ok").asInt());
        assertEquals(0, api.count(429), () -> "the plan was right, so no 429: " + api.requests());
        assertEquals(35, api.successes());
        assertTrue(api.maxAcceptedInAnyWindow(2000) <= 10, "at most 10 in any 2 s window");
        List<Long> arrivals = api.requests().stream().map(Recorded::atMs).sorted().toList();
        assertTrue(arrivals.get(9) - arrivals.get(0) < 1000, "the first window goes as one burst: " + arrivals);
        assertTrue(arrivals.get(34) - arrivals.get(0) >= 6000, "35 documents need at least three more windows");
    }

    @Test
    void aServerStricterThanThePlanPausesEverySenderAndNoDocumentIsLost() throws IOException {
        api.limits(new Window(4, 2000));
        Drop.text(INBOX, "strict.jsonl", Manifests.jsonl("strict", 12));
        JsonNode report = report(OUTBOX, "strict");
        assertEquals(12, report.get("ok").asInt());
        assertEquals(0, report.get("failed").asInt(), "a 429 never dead-letters a document");
        assertTrue(api.count(429) > 0);
        List<Recorded> calls = api.requests().stream().sorted((a, b) -> Long.compare(a.atMs(), b.atMs())).toList();
        long first429 = calls.stream().filter(r -> r.status() == 429).findFirst().orElseThrow().atMs();
        assertTrue(calls.stream().noneMatch(r -> r.atMs() > first429 + 300 && r.atMs() < first429 + 1000),
                "after a 429 every sender waits out Retry-After: " + calls);
    }

    @Test
    void anOutageDelaysDeliveryButDeadLettersNothing() throws IOException {
        api.outageNow(3000);
        Drop.text(INBOX, "outage.jsonl", Manifests.jsonl("outage", 20));
        JsonNode report = report(OUTBOX, "outage");
        assertEquals(20, report.get("ok").asInt());
        assertEquals(0, report.get("failed").asInt());
        assertTrue(api.count(503) > 0, "the outage was seen");
        // sluice.fallback=wait (the default): every document waited for the API; none went elsewhere
        assertEquals(20, report.get("delivered_by").get("blink").asInt(), report.toString());
        assertEquals(1, report.get("delivered_by").size(), report.toString());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sluice_requests_total{provider=\"blink\",status=\"503\"}"))
                .body(containsString("sluice_breaker_state"))
                .body(containsString("sluice_retries_total"));
    }

    @Test
    void faultsAndResetsAndHangsStillDeliverEveryDocumentOnce() throws IOException {
        api.failEvery(4, 500).resetEvery(9).hangEvery(13, 3000);
        Drop.text(INBOX, "faults.jsonl", Manifests.jsonl("faults", 30));
        JsonNode report = report(OUTBOX, "faults");
        assertEquals(30, report.get("ok").asInt(), report::toString);
        for (int i = 1; i <= 30; i++) {
            assertTrue(Files.exists(OUTBOX.resolve(String.format("faults/faults-%03d.pdf", i))));
        }
        Map<String, Set<String>> keysByDocument = api.requests().stream().collect(Collectors.groupingBy(
                Recorded::bodyText, Collectors.mapping(r -> r.header("idempotency-key"), Collectors.toSet())));
        keysByDocument.forEach((body, keys) -> assertEquals(1, keys.size(), "one Idempotency-Key per document, "
                + "the same on every attempt: " + body));
        long hung = api.requests().stream().filter(r -> r.status() == 200).count() - 30;
        assertTrue(api.duplicateSuccesses() <= Math.max(0, hung), "only hung requests are answered twice");
        assertTrue(api.count(500) > 0 && api.count(0) > 0, "500s and resets were injected");
    }

    @Test
    void aRejectedDocumentIsDeadLetteredAtOnceAndItsFailuresFileRerunsIt() throws IOException {
        api.rejectIf(r -> r.bodyText().contains("REJECT-ME"), 400, "markdown too exotic");
        Drop.text(INBOX, "orders.jsonl", "{\"id\":\"o1\",\"markdown\":\"# One\"}\n"
                + "{\"id\":\"o2\",\"title\":\"Two\",\"markdown\":\"# Two REJECT-ME\"}\n{\"id\":\"o3\",\"markdown\":\"# Three\"}\n");
        JsonNode report = report(OUTBOX, "orders");
        assertEquals(2, report.get("ok").asInt());
        String reason = report.get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("HTTP 400") && reason.contains("markdown too exotic"), reason);
        assertEquals(1, api.requests().stream().filter(r -> r.bodyText().contains("REJECT-ME")).count(),
                "a 400 is not retried");
        JsonNode deadLetter = Outputs.JSON.readTree(Files.readAllLines(OUTBOX.resolve("orders.failures.jsonl")).get(0));
        assertEquals("o2", deadLetter.get("id").asText());
        assertEquals(400, deadLetter.get("status").asInt());
        assertEquals(1, deadLetter.get("attempts").asInt());

        api.reset();
        Drop.bytes(INBOX, "orders.failures.jsonl", Files.readAllBytes(OUTBOX.resolve("orders.failures.jsonl")));
        awaitFile(OUTBOX.resolve("orders/o2.pdf"));
        Outputs.assertPdf(OUTBOX.resolve("orders/o2.pdf"), 1, "Two");
        awaitFile(INBOX.resolve(".done/orders.failures.jsonl"));
        assertEquals(1, api.requests().size(), "the re-run sends exactly the failed document");
    }

    @Test
    void aDocumentAlreadyInTheOutboxIsNotSentAgain() throws IOException {
        Drop.text(INBOX, "again.jsonl", Manifests.jsonl("again", 3));
        assertEquals(3, report(OUTBOX, "again").get("ok").asInt());
        // the next drop of the same name waits until the first is filed: a file replaced while it is still being
        // finished would be filed under .done/ unread (see README, "What goes in")
        awaitFile(INBOX.resolve(".done/again.jsonl"));
        Files.delete(OUTBOX.resolve("again.report.json"));
        api.reset();
        Drop.text(INBOX, "again.jsonl", Manifests.jsonl("again", 4));
        JsonNode report = report(OUTBOX, "again");
        assertEquals(3, report.get("skipped").asInt());
        assertEquals(1, api.requests().size());
    }
}
