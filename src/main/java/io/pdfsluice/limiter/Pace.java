package io.pdfsluice.limiter;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.pdfsluice.cluster.SharedStateException;
import io.pdfsluice.cluster.SharedWindows;
import io.pdfsluice.delivery.DeliveryMetrics;
import io.pdfsluice.plan.Plan;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When the next request may go, beyond what the Throttle EIP knows: every window of the plan, in which a request
 * counts from when it was answered, the latest moment the server can have counted it (however long its connect, its
 * wait for a CPU on either side or the server's own queue took, two requests can never look closer to the server
 * than a window; the price is one response time per window); a pause that a 429's Retry-After imposes on every
 * sender of the key, the quota, and the server's own X-RateLimit-Remaining/Reset when another client shares the key.
 */
@ApplicationScoped
@Named("pace")
public class Pace {

    private static final Logger LOG = Logger.getLogger(Pace.class);
    private static final String RESERVED = "sluicePaceReserved";
    private static final String SHARED = "sluicePaceShared";
    private static final String SENT = "sluicePaceSent";

    @Inject
    DeliveryMetrics metrics;
    /** The windows every instance of the key shares, when there are several (sluice.cluster.enabled). */
    @Inject
    SharedWindows shared;

    private final LongSupplier clock;
    private final List<SlidingWindowLog> windows;
    private final long maxJitterMs;
    private final long quota;
    private final long quotaPauseMs;
    private long pausedUntil;
    private boolean quotaWarned;

    @Inject
    public Pace(@ConfigProperty(name = "sluice.plan") String plan,
            @ConfigProperty(name = "sluice.plan.limits") java.util.Optional<String> limits,
            @ConfigProperty(name = "sluice.plan.margin-ms") long marginMs,
            @ConfigProperty(name = "sluice.retry.jitter-ms", defaultValue = "250") long maxJitterMs,
            @ConfigProperty(name = "sluice.plan.quota", defaultValue = "0") long quota,
            @ConfigProperty(name = "sluice.plan.quota-pause-ms", defaultValue = "900000") long quotaPauseMs) {
        this(Plan.of(plan, limits.orElse(null)), marginMs, maxJitterMs, quota, quotaPauseMs, System::currentTimeMillis);
    }

    public Pace(Plan plan, long marginMs, long maxJitterMs, long quota, long quotaPauseMs, LongSupplier clock) {
        this.clock = clock;
        this.maxJitterMs = maxJitterMs;
        this.quota = quota;
        this.quotaPauseMs = quotaPauseMs;
        this.windows = plan.windows().stream().map(w -> new SlidingWindowLog(w, marginMs)).toList();
        LOG.infof("Plan %s", plan);
    }

    /** Before the throttle: waits out a pause and a full window, without reserving anything. */
    public void await() throws InterruptedException {
        awaitAndMaybeReserve(null);
    }

    /**
     * After the throttle, right before the request: takes a place in every window of the plan, this instance's own
     * and then, with several instances, the shared ones (so that waiting for the others costs no shared place).
     */
    public void admit(Exchange exchange) throws InterruptedException {
        answered(exchange); // a previous attempt that ended without an answer leaves its places now
        awaitAndMaybeReserve(exchange);
        if (shared != null && shared.enabled()) {
            try {
                exchange.setProperty(SHARED, shared.take());
            } catch (InterruptedException | RuntimeException e) {
                answered(exchange); // no request went: the local places are given back, not held for ever
                throw e;
            }
        }
    }

    /** The circuit breaker let the admitted request through: it goes onto the wire now. */
    public void sent(Exchange exchange) {
        exchange.getProperty(SENT, AtomicBoolean.class).set(true);
    }

    /**
     * The request was answered, or failed: it leaves every window one period (plus the margin) after now. One that
     * never went (the breaker was open) gives its places back at once. Counting
     * from when it went onto the wire was tried and is not safe: under load the sender's thread or the server's
     * queue can delay the server's count by more than any margin, and a 429 follows (measured, see BENCHMARKS.md).
     */
    public void answered(Exchange exchange) {
        long now = clock.getAsLong();
        synchronized (this) {
            if (exchange.removeProperty(RESERVED) == null) {
                return;
            }
            // the breaker runs its steps on a copy of the exchange, which shares this holder but not new properties
            AtomicBoolean holder = (AtomicBoolean) exchange.removeProperty(SENT);
            boolean sent = holder != null && holder.get();
            for (SlidingWindowLog w : windows) {
                if (sent) {
                    w.answered(now);
                } else {
                    w.unsent();
                }
            }
            notifyAll();
        }
        String member = exchange.getProperty(SHARED, String.class);
        if (member != null) {
            exchange.removeProperty(SHARED);
            try {
                shared.answered(member);
            } catch (SharedStateException e) {
                // the answer is in hand and must not be thrown away: the place stays held until sluice.cluster.hold-ms
                LOG.warnf("Could not tell Redis that a request was answered: %s", e.getMessage());
            }
        }
    }

    private synchronized void awaitAndMaybeReserve(Exchange exchange) throws InterruptedException {
        for (long wait; (wait = waitMs()) > 0;) {
            wait(Math.min(wait, 1_000));
        }
        if (exchange != null) {
            for (SlidingWindowLog w : windows) {
                w.reserve();
            }
            exchange.setProperty(RESERVED, Boolean.TRUE);
            exchange.setProperty(SENT, new AtomicBoolean());
        }
    }

    /** Milliseconds until a request may go: the pause, and every window's oldest request leaving it. */
    synchronized long waitMs() {
        long now = clock.getAsLong();
        long wait = Math.max(0, pausedUntil - now);
        for (SlidingWindowLog w : windows) {
            wait = Math.max(wait, w.waitMs(now));
        }
        return wait;
    }

    /**
     * Reads the rate-limit headers of an answer. A 429 pauses every sender until its Retry-After has passed, plus a
     * little jitter so that they do not all come back in the same millisecond; returns that wait.
     */
    public long observe(int status, Map<String, Object> headers) {
        long now = clock.getAsLong();
        if (status == 429) {
            long retryAfter = retryAfterMs(header(headers, "Retry-After"), now);
            pauseUntil(now + retryAfter + ThreadLocalRandom.current().nextLong(maxJitterMs + 1), "429 Too Many Requests");
            return retryAfter;
        }
        observeQuota(header(headers, "X-Quota-Remaining"), header(headers, "X-CTF-Remaining"));
        String remaining = header(headers, "X-RateLimit-Remaining");
        String reset = header(headers, "X-RateLimit-Reset");
        boolean clustered = shared != null && shared.enabled(); // then the others' requests are in the shared windows
        if ("0".equals(remaining) && reset != null && !clustered && sharedKey(now)) {
            try {
                pauseUntil(Long.parseLong(reset.trim()) * 1000 + maxJitterMs, "the key's window is spent elsewhere");
            } catch (NumberFormatException ignored) {
                // an unreadable reset: the throttle alone paces us
            }
        }
        return 0;
    }

    /** The monthly quota: warn when 80 % is used, pause (never fail) when none is left. */
    private void observeQuota(String... values) {
        for (String value : values) {
            if (value == null) {
                continue;
            }
            long left;
            try {
                left = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (metrics != null) {
                metrics.quotaRemaining(left);
            }
            if (left <= 0) {
                quotaExhausted();
            } else if (quota > 0 && left <= quota / 5 && !quotaWarned) {
                quotaWarned = true;
                LOG.warnf("Quota: %d of %d conversions left this period (80 %% used)", left, quota);
            }
        }
    }

    /** No conversions left: every sender waits, re-trying after sluice.plan.quota-pause-ms; nothing is failed. */
    public void quotaExhausted() {
        pauseUntil(clock.getAsLong() + quotaPauseMs, "the plan's quota is used up (set sluice.plan.quota-pause-ms)");
    }

    /** When our own sends cannot explain a spent window, another client uses the same key. */
    private synchronized boolean sharedKey(long now) {
        return windows.get(0).inWindow(now) < windows.get(0).window().limit();
    }

    void pauseUntil(long until, String why) {
        synchronized (this) {
            if (until <= pausedUntil) {
                return;
            }
            pausedUntil = until;
            notifyAll();
        }
        long ms = until - clock.getAsLong();
        LOG.warnf("Pausing every request for %d ms: %s", ms, why);
        if (shared != null && shared.enabled()) {
            try {
                shared.pause(ms); // and every other instance of the key
            } catch (SharedStateException e) {
                LOG.warnf("Could not share the pause through Redis: %s", e.getMessage());
            }
        }
    }

    /** The share of the primary window used by this instance right now: its pace against the plan. */
    public synchronized double primaryWindowUsed() {
        return (double) windows.get(0).inWindow(clock.getAsLong()) / windows.get(0).window().limit();
    }

    public synchronized long pausedForMs() {
        return Math.max(0, pausedUntil - clock.getAsLong());
    }

    static long retryAfterMs(String value, long now) {
        if (value == null || value.isBlank()) {
            return 1_000;
        }
        try {
            return Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - now);
            } catch (RuntimeException unreadable) {
                return 1_000;
            }
        }
    }

    private static String header(Map<String, Object> headers, String name) {
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().toString();
            }
        }
        return null;
    }
}
