package io.pdfsluice.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pdfsluice.delivery.Breakers;
import io.pdfsluice.limiter.WindowUse;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;
import io.quarkus.scheduler.Scheduled;

/**
 * Once a second, what the app does against each provider's plan: its requests in every window of the plan, and the
 * running counts of requests, 429s and retries, and whether the breaker is open. The status page draws the last
 * minutes of it, a batch's HTML report the batch's life. A few numbers a second, kept for {@value #KEPT_HOURS} hours,
 * and nothing on a document's path.
 */
@ApplicationScoped
public class PaceLog {

    static final int KEPT_HOURS = 6;
    private static final int KEPT = KEPT_HOURS * 3600;

    /** One provider's second: its windows now, and its running counts. */
    public record Provider(List<WindowUse> windows, long requests, long rateLimited, boolean breakerOpen) {
    }

    /** One second: when, the running count of retries, and every provider's. */
    public record Sample(long atMs, long retries, Map<String, Provider> providers) {
    }

    @Inject
    ApiProfiles profiles;
    @Inject
    Breakers breakers;
    @Inject
    MeterRegistry registry;

    private final Deque<Sample> samples = new ArrayDeque<>();
    /** The time of the newest sample let go to keep {@value #KEPT_HOURS} hours; guarded by samples. */
    private long droppedUntilMs = Long.MIN_VALUE;

    // one at a time (a held-up sample skips the next second), so that the samples are kept in time order
    @Scheduled(every = "1s", identity = "pace-log", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        Sample sample = take(true);
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > KEPT) {
                droppedUntilMs = samples.removeFirst().atMs();
            }
        }
    }

    /**
     * The running counts now, without the windows' use (which may ask Redis): where a batch's chart starts and ends.
     * The scheduled samples come once a second, so a retry in a batch's first or last second would otherwise fall
     * outside them, and in the first second after start-up there is no sample yet.
     */
    public Sample counts() {
        return take(false);
    }

    /**
     * The samples of a batch's chart: the counts when it began, the scheduled seconds kept since and the counts when
     * it ended. When the log has let go of seconds of the batch's life (it keeps {@value #KEPT_HOURS} hours), the
     * chart starts at the oldest second kept instead: a difference from the start's counts would put all the retries
     * and 429s of the lost hours on one mark.
     */
    static List<Sample> overBatch(Sample start, List<Sample> kept, Sample end, boolean secondsLost) {
        List<Sample> span = new ArrayList<>(kept.size() + 2);
        if (!secondsLost || kept.isEmpty()) {
            span.add(start);
        }
        span.addAll(kept);
        span.add(end);
        return span;
    }

    /** {@link #overBatch} for a batch that began with these counts and ends now. */
    public List<Sample> overBatch(Sample start) {
        boolean lost;
        synchronized (samples) {
            lost = droppedUntilMs >= start.atMs();
        }
        return overBatch(start, since(start.atMs()), counts(), lost);
    }

    private Sample take(boolean windows) {
        // the time before the counts: a sample timed at or after a batch's start read its counts after the start's
        long at = System.currentTimeMillis();
        Map<String, Provider> now = new LinkedHashMap<>();
        for (ApiProfile p : profiles.all()) {
            CircuitBreaker breaker = breakers.all().get(p.name());
            now.put(p.name(), new Provider(windows ? p.limiter().use() : List.of(),
                    count(registry.find("sluice.requests").tag("provider", p.name()).counters()),
                    count(registry.find("sluice.rate.limited").tag("provider", p.name()).counters()),
                    breaker != null && breaker.getState() != CircuitBreaker.State.CLOSED));
        }
        return new Sample(at, count(registry.find("sluice.retries").counters()), now);
    }

    /** The samples taken from {@code fromMs} on, oldest first. */
    public List<Sample> since(long fromMs) {
        List<Sample> since = new ArrayList<>();
        synchronized (samples) {
            var it = samples.descendingIterator();
            while (it.hasNext()) {
                Sample s = it.next();
                if (s.atMs() < fromMs) {
                    break;
                }
                since.add(s);
            }
        }
        java.util.Collections.reverse(since);
        return since;
    }

    /**
     * The provider's requests in its plan's window number {@code w} in this sample, or -1 when the sample does not
     * have that window there (before a plan was learned, or a provider not yet known).
     */
    public static int used(Sample sample, String provider, int w, io.pdfsluice.plan.Window window) {
        Provider p = sample.providers().get(provider);
        return p != null && w < p.windows().size() && p.windows().get(w).window().equals(window)
                ? p.windows().get(w).used()
                : -1;
    }

    /** The sum of a meter's counters (one per tag set), as a whole number. */
    public static long count(java.util.Collection<Counter> counters) {
        return Math.round(counters.stream().mapToDouble(Counter::count).sum());
    }
}
