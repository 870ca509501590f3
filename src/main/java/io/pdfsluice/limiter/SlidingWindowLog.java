package io.pdfsluice.limiter;

import io.pdfsluice.plan.Window;

/**
 * The exact model of a server that counts requests in a sliding window: the first {@code limit} requests of a
 * window may go at once, then one more each time one leaves it. A ring of the last {@code limit} send times: a
 * request may go when the oldest of them is at least one period (plus margin) old. Not thread-safe; callers lock.
 */
final class SlidingWindowLog {

    private final Window window;
    private final long periodMs;
    private final long[] sent;
    private int oldest;

    SlidingWindowLog(Window window, long marginMs) {
        this.window = window;
        this.periodMs = window.periodMs() + marginMs;
        this.sent = new long[window.limit()];
        java.util.Arrays.fill(sent, Long.MIN_VALUE / 2);
    }

    /** Milliseconds until one more request may go; 0 when it may go now. */
    long waitMs(long now) {
        return Math.max(0, sent[oldest] + periodMs - now);
    }

    /** Records a request sent at {@code now}; call only when {@link #waitMs} is 0. */
    void record(long now) {
        sent[oldest] = now;
        oldest = (oldest + 1) % sent.length;
    }

    /** Requests recorded within the last period before {@code now}. */
    int inWindow(long now) {
        int n = 0;
        for (long t : sent) {
            if (t + window.periodMs() > now) {
                n++;
            }
        }
        return n;
    }

    Window window() {
        return window;
    }
}
