package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link Windows} does, whatever keeps its places: this instance's memory
 * ({@code LocalWindowsTest}) or the Redis every instance of a key shares ({@code RedisWindowsTest}), as bucket4j
 * runs every back end through one abstract suite. Periods are short, since Redis keeps real time; the local windows
 * move an injected clock instead, except where real threads race.
 */
public abstract class WindowsContract {

    /** Fresh windows of the custom plan {@code limits} with no margin: nothing taken, no pause. */
    protected abstract Windows windows(String limits);

    /** The same, on the real clock, for threads that race for places. */
    protected abstract Windows windowsInRealTime(String limits);

    /** Lets {@code ms} pass for the windows made by {@link #windows}. */
    protected abstract void passes(long ms) throws InterruptedException;

    @Test
    public void aFullWindowGoesAtOnceThenOneMoreEachTimeOneLeaves() throws Exception {
        Windows windows = windows("3/400ms");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, windows.tryTake("a" + i), "the first L of a window may go together");
        }
        passes(50);
        for (int i = 0; i < 3; i++) {
            windows.answered("a" + i);
        }
        long wait = windows.tryTake("b");
        assertTrue(wait > 0 && wait <= 400, "the 4th waits until the 1st answer is a whole window old: " + wait);
        passes(450);
        assertEquals(0, windows.tryTake("b"));
    }

    @Test
    public void anUnansweredRequestKeepsItsPlaceSoATokenBucketsDoubleBurstCannotHappen() throws Exception {
        Windows windows = windows("2/200ms");
        assertEquals(0, windows.tryTake("a"));
        assertEquals(0, windows.tryTake("b"));
        passes(500);
        assertTrue(windows.tryTake("c") > 0, "two in flight fill a 2/200ms window however long");
    }

    /** The server had a request before its answer came: the place leaves a period after then (shared ones too). */
    @Test
    public void aPlaceCountsFromWhenTheServerHadItNotFromItsAnswer() throws Exception {
        Windows windows = windows("1/1s");
        assertEquals(0, windows.tryTake("a"));
        passes(400);
        windows.answered("a", 300); // its answer says the server worked on it for the last 300 ms
        long wait = windows.tryTake("b");
        assertTrue(wait > 600 && wait <= 700, "it leaves 1 s after the server had it, 700 ms from now: " + wait);
    }

    /** Answers come back in any order: the first answered leaves first, whatever is still out. */
    @Test
    public void aPlaceFreesWhenItsRequestLeavesNotWhenTheOldestSentOneIsAnswered() throws Exception {
        Windows windows = windows("2/400ms");
        assertEquals(0, windows.tryTake("slow"));
        assertEquals(0, windows.tryTake("fast"));
        passes(50);
        windows.answered("fast");
        assertTrue(windows.tryTake("next") > 0, "the fast one leaves a window after its answer");
        passes(450);
        assertEquals(0, windows.tryTake("next"), "though the first one sent is still out");
        assertTrue(windows.tryTake("more") > 0, "now both places are in flight");
        windows.answered("slow");
        assertTrue(windows.tryTake("more") > 0, "the slow one leaves a window after its own answer");
    }

    @Test
    public void anAnswerCountsOnceHoweverOftenItIsGiven() throws Exception {
        Windows windows = windows("2/400ms");
        assertEquals(0, windows.tryTake("a"));
        assertEquals(0, windows.tryTake("b"));
        windows.answered("a");
        windows.answered("a"); // a retry's acquire, then doFinally: nothing more is given back
        assertTrue(windows.tryTake("c") > 0);
    }

    @Test
    public void aRequestThatNeverWentGivesItsPlaceBackAtOnce() throws Exception {
        Windows windows = windows("1/400ms");
        assertEquals(0, windows.tryTake("refused"));
        assertTrue(windows.tryTake("other") > 0, "taken, it holds the only place");
        windows.unsent("refused"); // the breaker was open and nothing went onto the wire
        assertEquals(0, windows.tryTake("other"), "a request that never went does not count against the window");
    }

    @Test
    public void longerWindowsAreEnforcedTogetherWithThePrimaryOne() throws Exception {
        Windows windows = windows("2/200ms,3/2000ms");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, windows.tryTake("a" + i));
            windows.answered("a" + i);
            passes(220);
        }
        long wait = windows.tryTake("b");
        assertTrue(wait > 1_000, "the 2 s window holds the 4th although the 200 ms window is free: " + wait);
    }

    @Test
    public void aPauseHoldsEveryTakerAndOnlyEverLengthens() throws Exception {
        Windows windows = windows("100/1s");
        assertTrue(windows.pause(5_000));
        long wait = windows.tryTake("a");
        assertTrue(wait > 4_000 && wait <= 5_000, "the pause holds: " + wait);
        assertFalse(windows.pause(1_000), "a shorter pause never shortens a longer one");
        assertTrue(windows.tryTake("a") > 3_000);
        assertTrue(windows.pausedForMs() > 3_000);
    }

    @Test
    public void takeWaitsUntilTheOldestAnswerHasLeftTheWindow() throws Exception {
        Windows windows = windowsInRealTime("2/300ms");
        String a = windows.take();
        String b = windows.take();
        windows.answered(a);
        windows.answered(b);
        long start = System.currentTimeMillis();
        windows.answered(windows.take());
        long waited = System.currentTimeMillis() - start;
        assertTrue(waited >= 250 && waited < 2_000, "waited " + waited + " ms for a 300 ms window");
    }

    /** Under real threads: any L+1 consecutive requests span a window from the first's answer to the last's send. */
    @Test
    public void concurrentSendersNeverPutMoreThanTheLimitIntoAnyWindow() throws Exception {
        Windows windows = windowsInRealTime("5/200ms");
        List<long[]> requests = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            senders.submit(() -> {
                String place = windows.take();
                long sent = System.currentTimeMillis();
                Thread.sleep(1 + (sent % 7)); // the "request"
                long answered = System.currentTimeMillis();
                windows.answered(place);
                requests.add(new long[] { sent, answered });
                return null;
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        List<long[]> bySend = new ArrayList<>(requests);
        bySend.sort((x, y) -> Long.compare(x[0], y[0]));
        assertEquals(40, bySend.size());
        for (int i = 0; i + 5 < bySend.size(); i++) {
            long earliestAnswerOfWindow = Long.MAX_VALUE;
            for (int j = i; j < i + 5; j++) {
                earliestAnswerOfWindow = Math.min(earliestAnswerOfWindow, bySend.get(j)[1]);
            }
            assertTrue(bySend.get(i + 5)[0] >= earliestAnswerOfWindow + 200,
                    "request " + (i + 5) + " went before any of the 5 before it had left the window");
        }
    }
}
