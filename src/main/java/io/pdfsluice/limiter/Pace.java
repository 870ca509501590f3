package io.pdfsluice.limiter;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.pdfsluice.plan.Plan;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Everything about when the next request may go, beyond the Throttle EIP's primary window: a pause that a 429's
 * Retry-After imposes on every sender of the key, the plan's longer windows (hour, day, month), and the server's own
 * X-RateLimit-Remaining/Reset when another client shares the key.
 */
@ApplicationScoped
@Named("pace")
public class Pace {

    private static final Logger LOG = Logger.getLogger(Pace.class);

    private final LongSupplier clock;
    private final SlidingWindowLog primary;
    private final List<SlidingWindowLog> longer;
    private final long maxJitterMs;
    private long pausedUntil;

    @Inject
    public Pace(@ConfigProperty(name = "sluice.plan") String plan,
            @ConfigProperty(name = "sluice.plan.limits") java.util.Optional<String> limits,
            @ConfigProperty(name = "sluice.plan.margin-ms") long marginMs,
            @ConfigProperty(name = "sluice.retry.jitter-ms", defaultValue = "250") long maxJitterMs) {
        this(Plan.of(plan, limits.orElse(null)), marginMs, maxJitterMs, System::currentTimeMillis);
    }

    public Pace(Plan plan, long marginMs, long maxJitterMs, LongSupplier clock) {
        this.clock = clock;
        this.maxJitterMs = maxJitterMs;
        this.primary = new SlidingWindowLog(plan.primary(), marginMs);
        this.longer = plan.windows().stream().skip(1).map(w -> new SlidingWindowLog(w, marginMs)).toList();
        LOG.infof("Plan %s", plan);
    }

    /** Before the throttle: waits out a pause and a full longer window, without reserving anything. */
    public void await() throws InterruptedException {
        for (long wait; (wait = waitMs(false)) > 0;) {
            Thread.sleep(Math.min(wait, 1_000));
        }
    }

    /** After the throttle, right before the request: takes a place in every longer window. */
    public void admit() throws InterruptedException {
        for (long wait; (wait = waitMs(true)) > 0;) {
            Thread.sleep(Math.min(wait, 1_000));
        }
    }

    /** Milliseconds until a request may go; with {@code reserve}, records it when it may go now. */
    synchronized long waitMs(boolean reserve) {
        long now = clock.getAsLong();
        long wait = Math.max(0, pausedUntil - now);
        for (SlidingWindowLog w : longer) {
            wait = Math.max(wait, w.waitMs(now));
        }
        if (wait == 0 && reserve) {
            longer.forEach(w -> w.record(now));
            if (primary.waitMs(now) == 0) {
                primary.record(now);
            }
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
        String remaining = header(headers, "X-RateLimit-Remaining");
        String reset = header(headers, "X-RateLimit-Reset");
        if ("0".equals(remaining) && reset != null && sharedKey(now)) {
            try {
                pauseUntil(Long.parseLong(reset.trim()) * 1000 + maxJitterMs, "the key's window is spent elsewhere");
            } catch (NumberFormatException ignored) {
                // an unreadable reset: the throttle alone paces us
            }
        }
        return 0;
    }

    /** When our own sends cannot explain a spent window, another client uses the same key. */
    private synchronized boolean sharedKey(long now) {
        return primary.inWindow(now) < primary.window().limit();
    }

    synchronized void pauseUntil(long until, String why) {
        if (until > pausedUntil) {
            pausedUntil = until;
            LOG.warnf("Pausing every request for %d ms: %s", until - clock.getAsLong(), why);
        }
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
