package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A hosted API with no sluice.plan set (issue 19): the first request goes alone, its answer's X-RateLimit-Limit and
 * -Reset set the window, and the rest go at that pace with no 429, where the old default (scale, 5,000/min, 256 in
 * flight) sent a burst of 429s. The plan learned is remembered in the state folder for the next run.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "learned"), @ResourceArg(name = "plan", value = "learn") })
class LearnedPlanTest {

    static final Path INBOX = Folders.inbox("learned");
    static final Path OUTBOX = Folders.outbox("learned");

    @Test
    void theFirstAnswerTellsTheWindowAndNoRequestIsRefused() throws Exception {
        ApiEmulator api = HostedApi.emulator();
        api.limits(new Window(4, 2_000));
        Drop.text(INBOX, "pro-key.jsonl", Manifests.jsonl("pk", 12));
        assertEquals(12, report(OUTBOX, "pro-key").get("ok").asInt());
        assertEquals(0, api.count(429), () -> api.requests().toString());
        assertTrue(api.maxAcceptedInAnyWindow(2_000) <= 4);
        try (Stream<Path> state = Files.list(OUTBOX.resolve(".state"))) {
            Path learned = state.filter(p -> p.getFileName().toString().endsWith(".plan")).findFirst().orElseThrow();
            // the emulator rounds its Reset up to a whole second: 2-3 s off, a period no shorter than the real one
            assertTrue(Files.readString(learned).trim().matches("4/[23]s"), Files.readString(learned));
        }
    }
}
