package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.pdfsluice.plan.Plan;

/** This instance's own windows through the contract, on an injected clock, and to the millisecond. */
class LocalWindowsTest extends WindowsContract {

    final AtomicLong now = new AtomicLong(1_000_000);

    @Override
    protected Windows windows(String limits) {
        return new LocalWindows(Plan.of("custom", limits), 0, now::get);
    }

    @Override
    protected Windows windowsInRealTime(String limits) {
        return new LocalWindows(Plan.of("custom", limits), 0, System::currentTimeMillis);
    }

    @Override
    protected void passes(long ms) {
        now.addAndGet(ms);
    }

    @Test
    void anotherClientsHighestCountHoldsTwoPeriodsAtLeastWhateverLowerCountsCome() {
        Windows windows = windows("10/1s");
        windows.serverCount(10, 6, 1); // 5 of another client's, and one more may come: 6 places held
        now.addAndGet(1_200); // lower counts (ours had not all arrived yet) lower nothing
        windows.serverCount(10, 2, 1);
        now.addAndGet(1_000);
        windows.serverCount(10, 2, 1);
        assertEquals(4, places(windows, "a"));
        now.addAndGet(2_000); // two periods more, the lower counts are all there is: 2 held, 4 in flight
        windows.serverCount(10, 2, 1);
        assertEquals(4, places(windows, "b"));
        now.addAndGet(3_000); // three periods with no answer: nothing is assumed
        assertEquals(2, places(windows, "c"));
    }

    @Test
    void aPlaceCountsFromWhenTheServerHadItAndLeavesInThatOrderWhateverOrderTheAnswersCame() {
        Windows windows = windows("3/1s");
        assertEquals(0, windows.tryTake("quick") + windows.tryTake("slow") + windows.tryTake("late"));
        now.addAndGet(400);
        windows.answered("quick", 50); // had 50 ms ago
        windows.answered("slow", 350); // answered after it, but had 300 ms before it
        now.addAndGet(100);
        windows.answered("late", 0);
        assertEquals(550, windows.tryTake("next"), "the slow one, had at 50 ms, leaves first");
        now.addAndGet(550);
        assertEquals(0, windows.tryTake("next"));
        assertEquals(300, windows.tryTake("after"), "then the quick one, had at 350 ms");
    }

    /** How many places can be taken now. */
    private static int places(Windows windows, String prefix) {
        int taken = 0;
        while (taken < 100 && windows.tryTake(prefix + taken) == 0) {
            taken++;
        }
        return taken;
    }

    @Test
    void theFourthWaitsExactlyUntilTheFirstAnswerIsAWholeWindowOld() {
        Windows windows = windows("3/1s");
        for (int i = 0; i < 3; i++) {
            windows.tryTake("a" + i);
        }
        now.addAndGet(200);
        for (int i = 0; i < 3; i++) {
            windows.answered("a" + i);
        }
        now.addAndGet(999);
        assertEquals(1, windows.tryTake("b"));
        now.addAndGet(1);
        assertEquals(0, windows.tryTake("b"));
    }

    @Test
    void placesInFlightHoldTheWindowHoweverLong() {
        Windows windows = windows("2/1s");
        windows.tryTake("a");
        windows.tryTake("b");
        now.addAndGet(5_000);
        assertTrue(windows.tryTake("c") >= SlidingWindowLog.IN_FLIGHT, "two in flight fill a 2/1s window");
    }

    @Test
    void aPlaceFreesExactlyAWindowAfterItsOwnAnswer() {
        Windows windows = windows("2/1s");
        windows.tryTake("slow");
        windows.tryTake("fast");
        now.addAndGet(100);
        windows.answered("fast");
        now.addAndGet(999);
        assertEquals(1, windows.tryTake("next"));
        now.addAndGet(1);
        assertEquals(0, windows.tryTake("next"));
        assertTrue(windows.tryTake("more") >= SlidingWindowLog.IN_FLIGHT, "now both places are in flight");
        windows.answered("slow");
        windows.answered("slow");
        assertEquals(1_000, windows.tryTake("more"));
    }

    @Test
    void theLongestWindowSetsTheWait() {
        Windows windows = windows("2/1s,3/10s");
        for (int i = 0; i < 3; i++) {
            windows.tryTake("a" + i);
            windows.answered("a" + i);
            now.addAndGet(1_000);
        }
        assertTrue(windows.tryTake("b") >= 6_000, "the 10 s window holds the 4th although the 1 s window is free");
    }

    @Test
    void theSharePrimaryWindowUsedAndWhetherItExplainsASpentWindow() {
        Windows windows = windows("4/1s");
        windows.tryTake("a");
        windows.tryTake("b");
        assertEquals(0.5, windows.primaryWindowUsed());
        assertTrue(!windows.explainsSpentWindow(), "two of four: a spent window is someone else's doing");
        windows.tryTake("c");
        windows.tryTake("d");
        assertTrue(windows.explainsSpentWindow());
    }

    @Test
    void aServerCountAboveOursTakesTheDifferenceOnceInTheWindowItReportsOn() {
        Windows windows = windows("10/1s,100/60s");
        windows.tryTake("ours");
        windows.answered("ours");
        windows.serverCount(10, 6, windows.ownCount()); // five from another client on the same key
        windows.serverCount(10, 6, 1); // the same report again takes nothing more
        for (int i = 0; i < 3; i++) {
            assertEquals(0, windows.tryTake("p" + i), "the four the server has left, less one kept for the other client");
        }
        assertTrue(windows.tryTake("full") > 0);
        now.addAndGet(1_000);
        assertEquals(0, windows.tryTake("later"), "ours left; the other client's five hold until it is told again");
        assertTrue(windows.tryTake("more") > 0, "four in flight and the other client's five and one");
        windows.serverCount(10, 7, 5); // two, says an answer: fewer, which our requests in flight can explain
        assertTrue(windows.tryTake("more") > 0, "the highest count holds two periods at least");
        now.addAndGet(4_000);
        windows.serverCount(10, 7, 5); // four periods on, the other client has two
        assertEquals(0, windows.tryTake("more"));
        windows.serverCount(100, 1, windows.ownCount()); // fewer than we count: ours are the better count
        assertEquals(0.5, windows.primaryWindowUsed(), 1e-9, "our five in flight; the minute took nothing");
    }
}
