package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pdfsluice.plan.Plan;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The sliding-window model against an injected clock, and under real threads. */
class PaceTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final DefaultCamelContext camel = new DefaultCamelContext();

    Pace pace(String limits) {
        return new Pace(Plan.of("custom", limits), 0, 0, 0, 60_000, now::get);
    }

    Exchange exchange() {
        return new DefaultExchange(camel);
    }

    @Test
    void aFullWindowGoesAtOnceThenOneMoreEachTimeOneLeaves() throws Exception {
        Pace pace = pace("3/1s");
        List<Exchange> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Exchange e = exchange();
            pace.admit(e); // returns at once: the first L of a window may go together
            pace.sent(e);
            sent.add(e);
        }
        now.addAndGet(200);
        sent.forEach(pace::answered);
        now.addAndGet(999);
        assertEquals(1, waitsMs(pace), "the 4th waits until the 1st answer is a whole window old");
        now.addAndGet(1);
        assertEquals(0, waitsMs(pace));
    }

    @Test
    void anUnansweredRequestKeepsItsPlaceSoATokenBucketsDoubleBurstCannotHappen() throws Exception {
        Pace pace = pace("2/1s");
        pace.admit(exchange());
        pace.admit(exchange());
        now.addAndGet(5_000);
        assertTrue(waitsMs(pace) >= SlidingWindowLog.IN_FLIGHT, "two in flight fill a 2/1s window however long");
    }

    /** Answers come back in any order: the first answered leaves first, whatever is still out. */
    @Test
    void aPlaceFreesWhenItsRequestLeavesNotWhenTheOldestSentOneIsAnswered() throws Exception {
        Pace pace = pace("2/1s");
        Exchange slow = exchange();
        Exchange fast = exchange();
        pace.admit(slow);
        pace.sent(slow);
        pace.admit(fast);
        pace.sent(fast);
        now.addAndGet(100);
        pace.answered(fast);
        now.addAndGet(999);
        assertEquals(1, waitsMs(pace), "the fast one leaves a window after its answer");
        now.addAndGet(1);
        assertEquals(0, waitsMs(pace), "though the first one sent is still out");
        Exchange next = exchange();
        pace.admit(next);
        pace.sent(next);
        assertTrue(waitsMs(pace) >= SlidingWindowLog.IN_FLIGHT, "now both places are in flight");
        pace.answered(slow);
        pace.answered(slow); // a second call (a retry's admit, then doFinally) gives back nothing more
        assertEquals(1_000, waitsMs(pace));
    }

    @Test
    void aRequestTheBreakerRefusedGivesItsPlaceBackAtOnce() throws Exception {
        Pace pace = pace("1/1s");
        Exchange refused = exchange();
        pace.admit(refused);
        assertTrue(waitsMs(pace) >= SlidingWindowLog.IN_FLIGHT, "admitted, it holds the only place");
        pace.answered(refused); // no sent(): the breaker was open and nothing went onto the wire
        assertEquals(0, waitsMs(pace), "a request that never went does not count against the window");
    }

    @Test
    void longerWindowsAreEnforcedTogetherWithThePrimaryOne() throws Exception {
        Pace pace = pace("2/1s,3/10s");
        for (int i = 0; i < 3; i++) {
            Exchange e = exchange();
            pace.admit(e);
            pace.sent(e);
            pace.answered(e);
            now.addAndGet(1_000);
        }
        assertTrue(waitsMs(pace) >= 6_000, "the 10 s window holds the 4th although the 1 s window is free");
    }

    @Test
    void aRetryAfterPausesEverySenderAndIsReadInSecondsOrAsADate() {
        Pace pace = pace("100/1s");
        assertEquals(30_000, pace.observe(429, Map.of("Retry-After", "30")));
        assertEquals(30_000, pace.pausedForMs());
        assertEquals(2_000, Pace.retryAfterMs("2", now.get()));
        assertEquals(1_000, Pace.retryAfterMs("not a number or date", now.get()));
    }

    @Test
    void aSpentWindowReportedByTheServerPausesOnlyWhenOurOwnRequestsCannotExplainIt() throws Exception {
        Pace pace = pace("5/60s");
        long reset = now.get() / 1000 + 20;
        pace.observe(200, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset)));
        assertTrue(pace.pausedForMs() > 19_000, "another client spends the key: wait for its reset");
    }

    @Test
    void anExhaustedQuotaPausesEverySenderInsteadOfFailingDocuments() {
        Pace pace = new Pace(Plan.of("custom", "100/1s"), 0, 0, 1000, 60_000, now::get);
        pace.observe(200, Map.of("X-Quota-Remaining", "150"));
        assertEquals(0, pace.pausedForMs(), "80 % used only warns");
        pace.observe(200, Map.of("X-Quota-Remaining", "0"));
        assertEquals(60_000, pace.pausedForMs());
    }

    /** Under real threads: any L+1 consecutive requests span a window from the first's answer to the last's send. */
    @Test
    void concurrentSendersNeverPutMoreThanTheLimitIntoAnyWindow() throws Exception {
        Pace pace = new Pace(Plan.of("custom", "5/200ms"), 0, 0, 0, 60_000, System::currentTimeMillis);
        List<long[]> requests = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            senders.submit(() -> {
                Exchange e = exchange();
                pace.admit(e);
                pace.sent(e);
                long sent = System.currentTimeMillis();
                Thread.sleep(1 + (sent % 7)); // the "request"
                long answered = System.currentTimeMillis();
                pace.answered(e);
                requests.add(new long[] { sent, answered });
                return null;
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
        List<long[]> bySend = new ArrayList<>(requests);
        bySend.sort((a, b) -> Long.compare(a[0], b[0]));
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

    private static long waitsMs(Pace pace) {
        return pace.waitMs();
    }
}
