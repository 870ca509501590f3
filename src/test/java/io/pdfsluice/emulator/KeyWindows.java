package io.pdfsluice.emulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict sliding-window log per API key: a request is admitted only if, for every window, fewer than its limit
 * of admitted requests arrived in the last periodMs (an entry at t is inside at now while now - t < periodMs).
 * Rejected requests leave no trace, as with the APIs this imitates. A monthly quota counts admitted requests too.
 */
final class KeyWindows {

    /** What the limiter decided, plus everything the response headers need. */
    record Verdict(Outcome outcome, long retryAfterMs, int limit, int remaining, long resetEpochSeconds,
            long quotaRemaining) {

        boolean admitted() {
            return outcome == Outcome.ADMITTED;
        }

        boolean limited() {
            return limit > 0;
        }

        boolean quotaLimited() {
            return quotaRemaining >= 0;
        }
    }

    enum Outcome {
        ADMITTED,
        RATE_LIMITED,
        QUOTA_EXCEEDED
    }

    private List<Window> windows = List.of();
    private long quota = -1;
    private final Map<String, Log> logs = new HashMap<>();
    private final Map<String, Long> used = new HashMap<>();

    synchronized void limits(List<Window> replacement) {
        windows = List.copyOf(replacement);
    }

    synchronized void quota(long monthly) {
        quota = monthly;
    }

    synchronized void clear() {
        windows = List.of();
        quota = -1;
        logs.clear();
        used.clear();
    }

    /** Callers pass non-decreasing times, so every log stays sorted. */
    synchronized Verdict admit(String key, long now) {
        return admit(key, now, 1);
    }

    /** A request that costs {@code cost} conversions of the quota (a batch of that many) and one place in each window. */
    synchronized Verdict admit(String key, long now, int cost) {
        Log log = logs.computeIfAbsent(key, k -> new Log());
        long spent = used.getOrDefault(key, 0L);
        if (quota >= 0 && spent + cost > quota) {
            return verdict(Outcome.QUOTA_EXCEEDED, 0, log, now, 0);
        }
        long wait = 0;
        for (Window w : windows) {
            int inside = log.countSince(now - w.periodMs());
            if (inside >= w.limit()) {
                // the slot frees when the entry that makes the window full slides out
                wait = Math.max(wait, log.at(log.size() - w.limit()) + w.periodMs() - now);
            }
        }
        if (wait > 0) {
            return verdict(Outcome.RATE_LIMITED, wait, log, now, quota < 0 ? -1 : quota - spent);
        }
        log.add(now);
        used.put(key, spent + cost);
        log.forgetBefore(now - windows.stream().mapToLong(Window::periodMs).max().orElse(0));
        return verdict(Outcome.ADMITTED, 0, log, now, quota < 0 ? -1 : quota - spent - cost);
    }

    private Verdict verdict(Outcome outcome, long retryAfterMs, Log log, long now, long quotaRemaining) {
        if (windows.isEmpty()) {
            return new Verdict(outcome, retryAfterMs, 0, 0, 0, quotaRemaining);
        }
        Window first = windows.get(0);
        int inside = log.countSince(now - first.periodMs());
        int remaining = outcome == Outcome.RATE_LIMITED ? 0 : Math.max(0, first.limit() - inside);
        long oldest = inside == 0 ? now : log.at(log.size() - inside);
        long resetMs = oldest + first.periodMs();
        return new Verdict(outcome, retryAfterMs, first.limit(), remaining, Math.floorDiv(resetMs + 999, 1000),
                quotaRemaining);
    }

    /** Sorted arrival times; the head moves forward as old entries stop mattering. */
    private static final class Log {
        private long[] times = new long[16];
        private int head;
        private int tail;

        int size() {
            return tail - head;
        }

        long at(int index) {
            return times[head + index];
        }

        void add(long t) {
            if (tail == times.length) {
                if (head > times.length / 2) {
                    System.arraycopy(times, head, times, 0, size());
                    tail -= head;
                    head = 0;
                } else {
                    times = Arrays.copyOf(times, times.length * 2);
                }
            }
            times[tail++] = t;
        }

        /** Entries strictly after {@code cutoff}. */
        int countSince(long cutoff) {
            int lo = head;
            int hi = tail;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= cutoff) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return tail - lo;
        }

        void forgetBefore(long cutoff) {
            head = tail - countSince(cutoff);
        }
    }
}
