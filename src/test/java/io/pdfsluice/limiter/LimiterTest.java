package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pdfsluice.plan.Plan;

/** The limiter's acquire/release pair around a call, and what it reads from the answers' headers. */
class LimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final DefaultCamelContext camel = new DefaultCamelContext();

    LocalWindows windows(String limits) {
        return new LocalWindows(Plan.of("custom", limits), 0, now::get);
    }

    Limiter limiter(Windows windows) {
        return new Limiter(windows, 0, 0, 60_000, now::get);
    }

    Exchange exchange() {
        return new DefaultExchange(camel);
    }

    @Test
    void aReleasedCallLeavesTheWindowAPeriodAfterItsAnswer() throws Exception {
        LocalWindows windows = windows("1/1s");
        Limiter limiter = limiter(windows);
        Exchange call = exchange();
        limiter.acquire(call);
        now.addAndGet(300);
        limiter.release(call);
        limiter.release(call); // a second release gives back nothing more
        assertEquals(1_000, windows.tryTake("next"));
    }

    /** An attempt admitted {@code agoMs} before now (by the test's clock) whose answer claims {@code renderMs}. */
    Exchange answeredAfter(Limiter limiter, long agoMs, String renderMs) throws InterruptedException {
        Exchange call = exchange();
        limiter.acquire(call);
        call.setProperty(Limiter.ADMITTED_AT, System.nanoTime() - agoMs * 1_000_000);
        now.addAndGet(agoMs);
        call.getMessage().setHeader("X-Render-Ms", renderMs);
        limiter.release(call);
        return call;
    }

    @Test
    void aPlaceCountsFromWhenTheServerHadItAsItsAnswerTells() throws Exception {
        LocalWindows windows = windows("1/1s");
        answeredAfter(limiter(windows), 400, "300");
        assertEquals(700, windows.tryTake("next"), "counted from the answer less its 300 ms of work");
    }

    /** As {@link #answeredAfter}, its answer's head stamped {@code arrived} (the HTTP client's AnswerArrival). */
    void answeredAfter(Limiter limiter, long agoMs, String renderMs, Object arrived) throws InterruptedException {
        Exchange call = exchange();
        limiter.acquire(call);
        call.setProperty(Limiter.ADMITTED_AT, System.nanoTime() - agoMs * 1_000_000);
        now.addAndGet(agoMs);
        call.getMessage().setHeader("X-Render-Ms", renderMs);
        call.getMessage().setHeader(ServedTime.ARRIVED, arrived);
        limiter.release(call);
    }

    static long msAgo(long ms) {
        return System.nanoTime() - ms * 1_000_000;
    }

    @Test
    void aPlaceCountsFromWhenItsAnswerArrivedLessTheWorkItTells() throws Exception {
        LocalWindows windows = windows("1/1s");
        // admitted 400 ms ago, its answer came 100 ms ago, after 200 ms of work: the server had it 300 ms ago
        answeredAfter(limiter(windows), 400, "200", msAgo(100));
        long wait = windows.tryTake("next");
        assertTrue(wait > 690 && wait <= 700, "counted from 300 ms ago, the call's steps since its answer included: "
                + wait);
    }

    @Test
    void aClaimOfMoreWorkThanTheTimeToTheAnswersArrivalIsALie() throws Exception {
        LocalWindows windows = windows("2/1s");
        Limiter limiter = limiter(windows);
        // the answer came 100 ms after the admission: 200 ms of work is more than the server can have had it for
        answeredAfter(limiter, 400, "200", msAgo(300));
        answeredAfter(limiter, 0, "300");
        long wait = windows.tryTake("next");
        assertTrue(wait > 690 && wait <= 700, "counted from its answer's arrival 300 ms ago, not 200 ms before: "
                + wait);
    }

    @Test
    void anArrivalStampOutsideTheAttemptIsNoneAndTheCallsEndStands() throws Exception {
        for (Object stamp : new Object[] { msAgo(1_000), msAgo(-1_000), "later", "" }) {
            LocalWindows windows = windows("1/1s");
            answeredAfter(limiter(windows), 400, "300", stamp);
            assertEquals(700, windows.tryTake("next"), () -> "stamp " + stamp);
        }
    }

    @Test
    void aClaimOfMoreWorkThanTheAttemptTookIsALieAndNoLaterClaimIsBelieved() throws Exception {
        LocalWindows windows = windows("2/1s");
        Limiter limiter = limiter(windows);
        answeredAfter(limiter, 400, "600000"); // the server cannot have had it before it was sent
        answeredAfter(limiter, 400, "300");
        assertEquals(600, windows.tryTake("next"), "both count from their answers, at 400 and 800 ms");
    }

    @Test
    void aClaimThatIsNoDurationCountsThePlaceFromItsAnswer() throws Exception {
        for (String claim : new String[] { "-5", "soon", "NaN", "", "0" }) {
            LocalWindows windows = windows("1/1s");
            answeredAfter(limiter(windows), 400, claim);
            assertEquals(1_000, windows.tryTake("next"), () -> "X-Render-Ms: " + claim);
        }
    }

    @Test
    void afterA429NoAnswersClaimIsBelievedAgain() throws Exception {
        LocalWindows windows = windows("2/1s");
        Limiter limiter = limiter(windows);
        limiter.observe(429, Map.of("Retry-After", "0"));
        answeredAfter(limiter, 400, "300");
        answeredAfter(limiter, 0, "300");
        assertEquals(1_000, windows.tryTake("next"), "both count from their answers, not 300 ms before");
    }

    @Test
    void aRetriedAttemptThatWasNeverReleasedGivesItsPlaceBackWhenItAcquiresAgain() throws Exception {
        LocalWindows windows = windows("2/1s");
        Limiter limiter = limiter(windows);
        Exchange call = exchange();
        limiter.acquire(call);
        limiter.acquire(call); // the first attempt's place leaves as answered, so two places are used, not three
        assertEquals(1_000, windows.tryTake("other"), "one place answered, one in flight: the window is full");
        limiter.release(call);
        assertEquals(1_000, windows.tryTake("other"));
    }

    @Test
    void aRequestTheBreakerRefusedGivesItsPlaceBackAtOnce() throws Exception {
        LocalWindows windows = windows("1/1s");
        Limiter limiter = limiter(windows);
        Exchange refused = exchange();
        limiter.acquire(refused);
        assertTrue(windows.tryTake("other") > 0, "acquired, it holds the only place");
        refused.setException(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")));
        limiter.release(refused);
        assertEquals(0, windows.tryTake("other"), "a request that never went does not count against the window");
    }

    /** The route's shape, with Camel's own circuitBreaker EIP: an open breaker's refusal is seen by release. */
    @Test
    void theCircuitBreakerEipTellsTheLimiterWhatItRefused() throws Exception {
        LocalWindows windows = windows("1/1s");
        Limiter limiter = limiter(windows);
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("test");
        camel.getRegistry().bind("testBreaker", breaker);
        camel.getRegistry().bind("limiter", limiter);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                TryDefinition call = from("direct:call").errorHandler(noErrorHandler())
                        .to("bean:limiter?method=acquire").doTry();
                call.circuitBreaker().resilience4jConfiguration().circuitBreaker("testBreaker")
                        .throwExceptionWhenHalfOpenOrOpenState(true).end()
                        .process(e -> {
                            if (e.getMessage().getHeader("fail") != null) {
                                throw new java.io.IOException("Connection reset"); // sent, then failed
                            }
                        }).setBody(constant("answered")).endCircuitBreaker();
                call.doFinally().to("bean:limiter?method=release").end();
            }
        });
        camel.start();
        try {
            Exchange sent = camel.createProducerTemplate().request("direct:call", e -> {
            });
            assertEquals("answered", sent.getMessage().getBody());
            assertEquals(1_000, windows.tryTake("other"), "an answered call holds its place a period");
            now.addAndGet(1_000);
            breaker.transitionToForcedOpenState();
            Exchange refused = camel.createProducerTemplate().request("direct:call", e -> {
            });
            assertInstanceOf(CallNotPermittedException.class, refused.getException());
            assertEquals(0, windows.tryTake("other"), "a refused call gave its place back");
            windows.answered("other");
            now.addAndGet(1_000);
            breaker.transitionToClosedState();
            // Camel marks every failure inside the breaker "short-circuited" too, but this one went to the server
            Exchange failed = camel.createProducerTemplate().request("direct:call",
                    e -> e.getMessage().setHeader("fail", true));
            assertInstanceOf(java.io.IOException.class, failed.getException().getCause(), "the call's own failure");
            assertEquals(Boolean.TRUE,
                    failed.getProperty(org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED),
                    "what Camel says of a failed call");
            assertEquals(1_000, windows.tryTake("other"), "a call that failed after it was sent holds its place");
        } finally {
            camel.stop();
        }
    }

    @Test
    void aRetryAfterPausesEverySenderAndIsReadInSecondsOrAsADate() {
        Limiter limiter = limiter(windows("100/1s"));
        assertEquals(30_000, limiter.observe(429, Map.of("Retry-After", "30")));
        assertEquals(30_000, limiter.pausedForMs());
        assertEquals(2_000, RateLimitHeaders.retryAfterMs("2", now.get()));
        assertEquals(1_000, RateLimitHeaders.retryAfterMs("not a number or date", now.get()));
        assertEquals(5_000, RateLimitHeaders.retryAfterMs("Thu, 01 Jan 1970 00:16:45 GMT", now.get()));
    }

    @Test
    void aSpentWindowReportedByTheServerPausesOnlyWhenOurOwnRequestsCannotExplainIt() throws Exception {
        Limiter limiter = limiter(windows("5/60s"));
        long reset = now.get() / 1000 + 20;
        limiter.observe(200, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset)));
        assertTrue(limiter.pausedForMs() > 19_000, "another client spends the key: wait for its reset");

        LocalWindows full = windows("1/60s");
        Limiter alone = limiter(full);
        alone.acquire(exchange());
        alone.observe(200, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset)));
        assertEquals(0, alone.pausedForMs(), "our own request explains the spent window");
    }

    @Test
    void aSpentWindowIsOursWhenTheServerCanHaveCountedAWindowOfOursThoughSomeHaveLeftByTheTimeItIsRead()
            throws Exception {
        LocalWindows windows = windows("2/1s");
        Limiter limiter = opened(windows);
        Exchange earlier = exchange();
        limiter.acquire(earlier);
        limiter.release(earlier);
        limiter.observe(200, Map.of("X-RateLimit-Limit", "2", "X-RateLimit-Remaining", "1"), earlier);
        now.addAndGet(900);
        Exchange last = exchange();
        limiter.acquire(last); // the window's second: the server counts both at its answer
        limiter.release(last);
        now.addAndGet(150); // the earlier one leaves our window before this answer is read
        long reset = now.get() / 1000 + 1;
        limiter.observe(200, Map.of("X-RateLimit-Limit", "2", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                String.valueOf(reset)), last);
        assertEquals(0, limiter.pausedForMs(), "both of ours explain the spent window: no client to wait for");
        assertEquals(0, windows.tryTake("next"), "a place of ours is free");
    }

    @Test
    void countsOfNoLimitPauseNobody() {
        // -1 (or a limit of 0) is what APIs send for a key without a quota or a limit: neither is a spent one
        Limiter limiter = limiter(windows("5/60s"));
        long reset = now.get() / 1000 + 20;
        limiter.observe(200, Map.of("X-Quota-Remaining", "-1", "X-RateLimit-Limit", "0", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(reset)));
        limiter.observe(200, Map.of("X-RateLimit-Limit", "-1", "X-RateLimit-Remaining", "-1"));
        assertEquals(0, limiter.pausedForMs());
        assertEquals(-1, limiter.quotaRemaining(), "no quota heard of");
    }

    @Test
    void anExhaustedQuotaPausesEverySenderInsteadOfFailingDocuments() {
        Limiter limiter = new Limiter(windows("100/1s"), 0, 1000, 60_000, now::get);
        assertEquals(-1, limiter.quotaRemaining());
        limiter.observe(200, Map.of("X-Quota-Remaining", "150"));
        assertEquals(0, limiter.pausedForMs(), "80 % used only warns");
        assertEquals(150, limiter.quotaRemaining());
        limiter.observe(200, Map.of("X-CTF-Remaining", "0"));
        assertEquals(60_000, limiter.pausedForMs());
        limiter.quotaExhausted();
        assertEquals(60_000, limiter.pausedForMs());
    }

    @Test
    void theServersCountTellsOfAnotherClientOnlyWhereNoLaterRequestOfOursCouldHaveOvertaken() throws Exception {
        LocalWindows windows = windows("4/1s");
        Limiter limiter = opened(windows);
        Exchange first = exchange();
        Exchange second = exchange();
        limiter.acquire(first);
        limiter.acquire(second);
        // the second overtook the first on the way: the server counted 2 when it answered the first, admitted with 1
        limiter.observe(200, Map.of("X-RateLimit-Limit", "4", "X-RateLimit-Remaining", "2"), first);
        limiter.release(first);
        assertEquals(0, windows.tryTake("third"), "both are ours: no other client holds places");

        LocalWindows shared = windows("10/1s");
        Limiter sharing = opened(shared);
        Exchange alone = exchange();
        sharing.acquire(alone); // none of ours after it: the server's 9 are this one and 8 of another client's
        sharing.observe(200, Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "1"), alone);
        // 1 of ours and 8 + 1 of the other client's (one more may arrive before the next answer): the window is full
        assertTrue(shared.tryTake("next") > 0, "another client's 8 hold places");
    }

    @Test
    void aRequestOfOursAdmittedAfterTheCallEndedCannotHaveOvertakenIt() throws Exception {
        LocalWindows windows = windows("10/1s");
        Limiter limiter = opened(windows);
        Exchange answered = exchange();
        limiter.acquire(answered);
        limiter.release(answered); // as call.yaml does: the doFinally releases, then apiAnswers reads the answer
        Exchange after = exchange();
        limiter.acquire(after); // admitted between the two: the server cannot have counted it in that answer
        // the server counted 3 at the answer: the answered one of ours and 2 of another client's
        limiter.observe(200, Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "7"), answered);
        // 2 of ours and 2 + 1 of the other client's: 5 places left
        for (int i = 0; i < 5; i++) {
            assertEquals(0, windows.tryTake("more" + i), "place " + i);
        }
        assertTrue(windows.tryTake("sixth") > 0, "the other client's 2 (and one more to come) hold places");
    }

    @Test
    void untilTheFirstAnswerIsReadTheNextRequestWaitsThoughTheFirstCallHasEnded() throws Exception {
        Limiter limiter = limiter(windows("10/1s"));
        Exchange first = exchange();
        limiter.acquire(first);
        limiter.release(first); // answered: the doFinally runs before apiAnswers reads the answer
        CountDownLatch admitted = new CountDownLatch(1);
        Thread next = new Thread(() -> {
            try {
                limiter.acquire(exchange());
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        next.start();
        assertFalse(admitted.await(200, TimeUnit.MILLISECONDS), "admitted before the first answer was read");
        limiter.observe(200, Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "9"), first);
        assertTrue(admitted.await(5, TimeUnit.SECONDS), "still waiting once the first answer was read");
        next.join(5_000);
    }

    /** A limiter past its first answer (until then, one request at a time), whose request has left the window. */
    Limiter opened(Windows windows) throws Exception {
        Limiter limiter = limiter(windows);
        Exchange opening = exchange();
        limiter.acquire(opening);
        limiter.observe(200, Map.of(), opening);
        limiter.release(opening);
        now.addAndGet(2_000);
        return limiter;
    }
}
