package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pdfsluice.plan.Plan;

/** A plan learned from the API's first answer when sluice.plan is unset (issue 19), on an injected clock. */
class LearningWindowsTest {

    final AtomicLong now = new AtomicLong(1_767_225_600_300L); // 2026-01-01T00:00:00.300Z
    @TempDir
    Path state;

    LearningWindows learning() {
        return new LearningWindows("blink", Plan.of("blink", Plan.LEARN, null, java.time.ZoneOffset.UTC),
                p -> new LocalWindows(p, 0, now::get), state.resolve("learned.plan"), now::get);
    }

    static RateLimitHeaders headers(String limit, String remaining, String reset) {
        return RateLimitHeaders.of(Map.of("X-RateLimit-Limit", limit, "X-RateLimit-Remaining", remaining,
                "X-RateLimit-Reset", reset));
    }

    @Test
    void oneRequestGoesUntilAnAnswerTellsTheWindowThenTheWindowsServerCountHolds() throws Exception {
        LearningWindows windows = learning();
        assertEquals(0, windows.tryTake("first"));
        assertTrue(windows.tryTake("second") > 0, "one at a time while nothing is known");
        windows.answered("first");
        // the server counts 3 in its window: ours and two from another client; it resets in 60 s (a unix time)
        windows.answer(200, headers("10", "7", String.valueOf((now.get() + 60_000) / 1000 + 1)));
        assertEquals("[10/60s]", windows.plan().orElseThrow().windows().toString(), "61 s off is a minute");
        for (int i = 0; i < 7; i++) {
            assertEquals(0, windows.tryTake("p" + i), "the 7 the server has left");
        }
        assertTrue(windows.tryTake("more") > 0, "then the window is full");
        assertEquals("10/60s", Files.readString(state.resolve("learned.plan")).trim(), "remembered");

        LearningWindows restarted = learning();
        assertEquals("[10/60s]", restarted.plan().orElseThrow().windows().toString(), "a restart paces at once");
        for (int i = 0; i < 10; i++) {
            assertEquals(0, restarted.tryTake("r" + i));
        }
    }

    @Test
    void resetInSecondsFromNowIsReadAsWellAndAnUnusualPeriodIsRoundedUpToAWholeSecond() {
        LearningWindows windows = learning();
        windows.tryTake("first");
        windows.answer(200, headers("4", "3", "2.2"));
        assertEquals("[4/3s]", windows.plan().orElseThrow().windows().toString());
    }

    @Test
    void anOutageOrA429WithoutHeadersTellsNothingYetAnAnswerWithoutThemMeansTheCeiling() {
        LearningWindows windows = learning();
        windows.tryTake("first");
        windows.unsent("first");
        windows.answer(503, RateLimitHeaders.of(Map.of()));
        windows.answer(429, RateLimitHeaders.of(Map.of("Retry-After", "1")));
        assertTrue(windows.plan().isEmpty(), "still learning");
        windows.pause(1_000);
        assertTrue(windows.tryTake("during") > 0, "a 429's pause holds the probe too");
        now.addAndGet(1_000);
        assertEquals(0, windows.tryTake("after"));
        windows.answered("after");
        windows.answer(200, RateLimitHeaders.of(Map.of()));
        assertEquals("[5000/60s]", windows.plan().orElseThrow().windows().toString(), "the ceiling");
        assertTrue(Files.notExists(state.resolve("learned.plan")), "nothing learned, nothing remembered");
    }
}
