package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pdfsluice.plan.Plan;

/** The windows a lone instance restores after a restart, from the ledger its last run left, however it ended. */
class LedgerTest {

    @TempDir
    Path state;

    final AtomicLong now = new AtomicLong(1_000_000);

    DurableWindows windows(String limits) {
        return new DurableWindows(Plan.of("custom", limits), 0, state.resolve("budget.ledger"), now::get);
    }

    @Test
    void aRestartFindsTheWindowAsTheLastRunLeftIt() throws Exception {
        DurableWindows first = windows("3/10s,5/60s");
        for (int i = 0; i < 3; i++) {
            first.answered(first.take());
        }
        now.addAndGet(2_000);
        DurableWindows second = windows("3/10s,5/60s");
        assertEquals(8_000, second.tryTake("x"), "the 10 s window is full until the first run's requests leave it");
        now.addAndGet(8_000);
        assertEquals(0, second.tryTake("x"));
        second.answered("x");
        assertEquals(0, second.tryTake("y"));
        second.answered("y");
        // 5 in the hour-ish window now: the 60 s window holds the next one back, across the restart too
        DurableWindows third = windows("3/10s,5/60s");
        assertTrue(third.tryTake("z") > 40_000, "the 60 s window remembers both runs");
    }

    @Test
    void aRequestInFlightAtAKillCountsFromTheRestartAndACutShortLineIsSkipped() throws Exception {
        DurableWindows first = windows("2/10s");
        first.answered(first.take());
        first.take(); // in flight when the process is killed: its end is never written
        Files.writeString(state.resolve("budget.ledger"), "t 9", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        now.addAndGet(5_000);
        DurableWindows second = windows("2/10s");
        // the answered one leaves 10 s after its answer (5 s from now), the one in flight 10 s after the restart
        assertEquals(5_000, second.tryTake("a"));
        now.addAndGet(5_000);
        assertEquals(0, second.tryTake("a"));
        second.answered("a");
        assertTrue(second.tryTake("b") > 0, "the killed run's request in flight still counts");
        now.addAndGet(5_000);
        assertEquals(0, second.tryTake("b"));
    }

    @Test
    void anUnsentPlaceCountsForNothingAndTheLedgerStaysSmall() throws Exception {
        DurableWindows first = windows("2/1s");
        first.unsent(first.take());
        assertEquals(0, windows("2/1s").tryTake("a"), "never sent: nothing to restore");
        DurableWindows busy = windows("2/1s");
        for (int i = 0; i < 5_000; i++) {
            busy.answered(busy.take());
            now.addAndGet(1_000);
        }
        List<String> lines = Files.readAllLines(state.resolve("budget.ledger"));
        assertTrue(lines.size() <= 2_100, "compacted as windows expire: " + lines.size() + " lines");
        busy.answered(busy.take());
        busy.answered(busy.take());
        assertEquals(1_000, windows("2/1s").tryTake("q"), "the last second's two requests are kept");
    }

    @Test
    void aLedgerThatCannotBeWrittenStopsTheRequestNotTheApp() throws IOException {
        Path notADirectory = Files.writeString(state.resolve("file"), "x");
        DurableWindows windows;
        try {
            windows = new DurableWindows(Plan.of("custom", "2/1s"), 0, notADirectory.resolve("budget.ledger"), now::get);
        } catch (java.io.UncheckedIOException e) {
            assertTrue(e.getMessage().contains("sluice.state"), e.getMessage());
            return;
        }
        throw new AssertionError("a ledger under a file was opened: " + windows);
    }
}
