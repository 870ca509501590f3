package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Timeouts that learn (issue 19): once the API's answer times are known, a request it never answers is given up
 * after a few times its usual answer time, not after the configured 10 s, and goes again with the same
 * Idempotency-Key; the document is delivered once and no attempt of it is spent on our guess.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "learned-timeout"),
        @ResourceArg(name = "response-timeout-ms", value = "10000"),
        @ResourceArg(name = "sluice.api.timeout.samples", value = "5"),
        @ResourceArg(name = "sluice.api.timeout.floor-ms", value = "500"),
        @ResourceArg(name = "sluice.retry.attempts", value = "1") })
class LearnedTimeoutTest {

    static final Path INBOX = Folders.inbox("learned-timeout");
    static final Path OUTBOX = Folders.outbox("learned-timeout");

    @Test
    void aHungRequestIsGivenUpAfterTheLearnedTimeoutAndSentAgainWithTheSameKey() throws Exception {
        ApiEmulator api = HostedApi.freshEmulator();
        api.latency(20, 10, 7);
        Drop.text(INBOX, "warm-up.jsonl", Manifests.jsonl("wu", 8));
        assertEquals(8, report(OUTBOX, "warm-up").get("ok").asInt());

        AtomicBoolean hung = new AtomicBoolean();
        // the first attempt of me 003 is never answered; its second is
        api.hangIf(r -> new String(r.body(), StandardCharsets.UTF_8).contains("# me 003") && hung.compareAndSet(false, true));
        Drop.text(INBOX, "month-end.jsonl", Manifests.jsonl("me", 6));
        JsonNode report = report(OUTBOX, "month-end");
        assertEquals(6, report.get("ok").asInt(), report.toString());
        assertEquals(0, api.duplicateSuccesses(), "delivered once");

        Map<String, List<Recorded>> byKey = api.requests().stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.header("idempotency-key"))));
        List<Recorded> twice = byKey.values().stream().filter(l -> l.size() == 2).findFirst()
                .orElseThrow(() -> new AssertionError("no document went twice: " + api.requests()));
        assertEquals(1, byKey.values().stream().filter(l -> l.size() > 1).count(), "only the hung one went again");
        long after = twice.get(1).atMs() - twice.get(0).atMs();
        // the configured timeout is 10 s; 4 x the answer times here (20-30 ms) is under the floor, 500 ms, on the
        // ladder 1 s: the second attempt left well before the configured timeout could have ended the first
        assertTrue(after < 8_000, "sent again " + after + " ms after the hung attempt");
    }
}
