package io.pdfsluice.limiter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.pdfsluice.document.DocumentExchange;

/**
 * Whether a request may go now, beyond the plan's primary rate that the Throttle EIP holds: the route takes a place
 * with {@link #acquire} right before the circuit breaker and gives it back with {@link #release} once the call is
 * over. The places are in the plan's {@link Windows}, every window of the plan counted as the server counts it, from
 * when the server had a request by its answer (not from the throttle's permit, which can be earlier than the
 * server's count), and with several instances the windows of the key they share. The answers' headers pause every
 * sender: a 429's Retry-After, the quota, and the server's own X-RateLimit-Remaining/Reset when another client
 * shares the key. Waits happen in {@link #acquire}, outside the breaker, so that a wait is never timed as a slow
 * call; a request the breaker refused gives its place back at once.
 *
 * Each provider has its own (see ApiProfile), bound as {@code limiter-<provider>} for its call route.
 */
public class Limiter {

    static final String PLACE = "sluiceLimiterPlace";
    /** When the attempt was admitted, right before the breaker sends it (System.nanoTime). */
    public static final String ADMITTED_AT = "sluiceAdmittedAtNs";
    /** This instance's requests in the primary window when the attempt was admitted, itself included. */
    static final String OURS = "sluiceOursInWindow";
    /** The attempt's number among this limiter's admissions: whether another of ours went after it. */
    static final String ADMISSION = "sluiceAdmission";
    /** This limiter's admissions when the attempt's call ended: any of ours after its own may have overtaken it. */
    static final String ADMISSIONS_AT_END = "sluiceAdmissionsAtEnd";

    private final String provider;
    private final Windows windows;
    private final boolean yieldsWhenQuotaSpent;
    private final AtomicLong yieldingPlaces = new AtomicLong();
    private final AtomicLong admissions = new AtomicLong();
    private final LongSupplier clock;
    private final long maxJitterMs;
    private final QuotaWatch quota;
    private final long quotaPauseMs;
    private final FirstAnswer firstAnswer = new FirstAnswer();
    private final ServedTime served;
    private volatile long quotaSpentUntil;
    private final Pauses pauses;

    /**
     * @param provider the provider it paces, for its log lines
     * @param quota the conversions the plan includes per period (0: unknown)
     * @param yieldsWhenQuotaSpent a fallback takes this provider's documents while its quota is spent: a request then
     *        stops waiting for the pause and fails with {@link QuotaSpentException}, to be tried again there
     */
    public Limiter(String provider, Windows windows, long maxJitterMs, long quota, long quotaPauseMs,
            boolean yieldsWhenQuotaSpent) {
        this(provider, windows, maxJitterMs, quota, quotaPauseMs, yieldsWhenQuotaSpent, System::currentTimeMillis);
    }

    Limiter(Windows windows, long maxJitterMs, long quota, long quotaPauseMs, LongSupplier clock) {
        this("api", windows, maxJitterMs, quota, quotaPauseMs, false, clock);
    }

    private Limiter(String provider, Windows windows, long maxJitterMs, long quota, long quotaPauseMs,
            boolean yieldsWhenQuotaSpent, LongSupplier clock) {
        this.provider = provider;
        this.yieldsWhenQuotaSpent = yieldsWhenQuotaSpent;
        this.windows = windows;
        this.maxJitterMs = maxJitterMs;
        this.quota = new QuotaWatch(provider, windows, quota);
        this.quotaPauseMs = quotaPauseMs;
        this.clock = clock;
        this.served = new ServedTime(provider);
        this.pauses = new Pauses(provider);
    }

    /** The pauses its API asks for, and how long a run-once job waits them out (see {@link Pauses}). */
    public Pauses pauses() {
        return pauses;
    }

    /** Right before the breaker, every attempt: waits out a pause and full windows, then takes a place in each. */
    public void acquire(Exchange exchange) throws InterruptedException {
        release(exchange); // a previous attempt that ended without a release gives its place back first
        firstAnswer.await();
        if (!yieldsWhenQuotaSpent) {
            quota.waitsWhenSpent();
            admitted(exchange, windows.take());
            return;
        }
        // with a fallback, a wait that the quota turns into a pause gives up, however it began
        String place = "y" + yieldingPlaces.incrementAndGet();
        for (long wait; (wait = windows.tryTake(place)) > 0;) {
            if (quotaSpent()) {
                throw new QuotaSpentException(quota.spentReason());
            }
            pauses.check(windows.pausedForMs());
            Thread.sleep(Math.min(wait, 100));
        }
        admitted(exchange, place);
    }

    private void admitted(Exchange exchange, String place) {
        exchange.setProperty(PLACE, place);
        exchange.setProperty(ADMITTED_AT, System.nanoTime());
        // numbered before counting: one admitted after this count is read is numbered after this one
        exchange.setProperty(ADMISSION, admissions.incrementAndGet());
        exchange.removeProperty(ADMISSIONS_AT_END);
        exchange.setProperty(OURS, windows.ownCount());
        quota.warnWhenNearlySpent();
    }

    /**
     * The call is over: its place leaves every window a period (plus the margin) after the server had it, from its
     * answer less the work the answer tells ({@link ServedTime}). One the breaker refused is free at once. From the
     * admission is not safe: a busy sender or server can delay the server's count past any margin (BENCHMARKS.md).
     */
    public void release(Exchange exchange) {
        String place = (String) exchange.removeProperty(PLACE);
        if (place == null) {
            return;
        }
        // its answer is read after this (apiAnswers.throwOnErrorStatus): one admitted meanwhile cannot overtake it
        exchange.setProperty(ADMISSIONS_AT_END, admissions.get());
        // Only a CallNotPermittedException says the breaker refused the call (open, or half-open and out of probes):
        // the EIP sets CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED on every failure without a fallback too (a 503...).
        Throwable failure = DocumentExchange.caught(exchange);
        firstAnswer.ended(failure == null); // with no failure, its answer is about to be observed
        if (ObjectHelper.getException(CallNotPermittedException.class, failure) != null) {
            windows.unsent(place);
        } else {
            windows.answered(place, served.of(exchange));
        }
    }

    /**
     * Reads the rate-limit headers of an answer. A 429 pauses every sender until its Retry-After has passed, plus a
     * little jitter so that they do not all come back in the same millisecond; returns that wait.
     */
    public long observe(int status, Map<String, Object> headers) {
        return heard(status, headers, windows.ownCount());
    }

    /**
     * As {@link #observe(int, Map)}, for the answer to an admitted attempt. The server's count beyond the
     * {@code ours} this instance had in the window at the admission is another client's, except for the requests of
     * ours admitted after it and before its call ended: any of them may have overtaken it on the way and been
     * counted first (in a burst, 1 to 11 of 100), so they count as ours too, and a lone client holds no places for
     * nobody. What is left is never more than the other client's; the answers that nothing of ours followed (the
     * last before a window fills, the ones a shared key's limit decides) tell it exactly.
     */
    public long observe(int status, Map<String, Object> headers, Exchange attempt) {
        Integer ours = attempt.getProperty(OURS, Integer.class);
        Long admission = attempt.getProperty(ADMISSION, Long.class);
        if (ours == null || admission == null) {
            return observe(status, headers);
        }
        long later = Math.max(0, attempt.getProperty(ADMISSIONS_AT_END, admissions.get(), Long.class) - admission);
        return heard(status, headers, (int) Math.min(Integer.MAX_VALUE, ours + later));
    }

    private long heard(int status, Map<String, Object> headers, int ours) {
        try {
            return observe(status, RateLimitHeaders.of(headers), ours);
        } finally {
            firstAnswer.heard(); // once what it tells is in the windows
        }
    }

    private long observe(int status, RateLimitHeaders answer, int ours) {
        if (windows instanceof LearningWindows learning) {
            learning.answer(status, answer);
        }
        long now = clock.getAsLong();
        if (status == 429) {
            served.refused();
            long retryAfter = answer.retryAfterMs(now);
            pauses.begin(windows, retryAfter + ThreadLocalRandom.current().nextLong(maxJitterMs + 1), "429 Too Many Requests");
            return retryAfter;
        }
        answer.quotaLeft().forEach(left -> {
            if (quota.reported(left)) {
                quotaExhausted();
            }
        });
        if (answer.limitCount().isPresent() && answer.remainingCount().isPresent()) {
            windows.serverCount(answer.limitCount().getAsInt(),
                    answer.limitCount().getAsInt() - answer.remainingCount().getAsInt(), ours);
        }
        OptionalLong spentUntil = answer.windowSpentUntilMs(now);
        boolean ourOwn = answer.limitCount().isPresent() && ours >= answer.limitCount().getAsInt();
        if (spentUntil.isPresent() && !ourOwn && !windows.explainsSpentWindow()) { // ours: all it can have counted
            pauses.begin(windows, spentUntil.getAsLong() + maxJitterMs - now, "the key's window is spent elsewhere");
        }
        return 0;
    }

    /** No conversions left: every sender waits, re-trying after sluice.plan.quota-pause-ms; nothing is failed. */
    public void quotaExhausted() {
        quotaSpentUntil = clock.getAsLong() + quotaPauseMs;
        pauses.begin(windows, quotaPauseMs, "the plan's quota is used up (set sluice.plan.quota-pause-ms)");
    }

    /** Why a request stops waiting for the quota: what is spent, and when it renews where that is known. */
    String quotaSpentReason() {
        return quota.spentReason();
    }

    /** True when a request stops waiting for a spent quota (a fallback, or a run-once job, takes over). */
    public boolean yieldsWhenQuotaSpent() {
        return yieldsWhenQuotaSpent;
    }

    /** True while a spent quota pauses every sender (a fallback may take the documents meanwhile). */
    public boolean quotaSpent() {
        return clock.getAsLong() < quotaSpentUntil || windows.quota().map(QuotaCount::spent).orElse(false);
    }

    public long pausedForMs() {
        return windows.pausedForMs();
    }

    /** The share of the primary window used by this instance right now: its pace against the plan. */
    public double primaryWindowUsed() {
        return windows.primaryWindowUsed();
    }

    /** Every window of the plan, primary first, with this instance's requests in it now. */
    public List<WindowUse> use() {
        return windows.use();
    }

    /** The plan's quota as this instance counts it, when the plan has one. */
    public Optional<QuotaCount> quotaCount() {
        return windows.quota();
    }

    /** The conversions left this period as the API last reported them; -1 until it does. */
    public long quotaRemaining() {
        return quota.reported();
    }
}
