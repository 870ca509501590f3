package io.pdfsluice.limiter;

import java.util.Arrays;

import io.pdfsluice.plan.Window;

/**
 * The model of a server that counts requests in a sliding window: the first {@code limit} requests of a window may
 * go at once, then one more each time one leaves it. A ring of the last {@code limit} requests: a request may go
 * when the oldest of them left the window. A request holds its place while in flight and leaves the window one
 * period after the time it is {@link #answered} with: when its answer came, the latest the server can have counted
 * it, so no delay on either side can make two requests look closer to the server than the window. Not thread-safe;
 * callers lock.
 */
final class SlidingWindowLog {

    static final long IN_FLIGHT = Long.MAX_VALUE / 4;

    private final Window window;
    private final long periodMs;
    private final long[] times;
    private int oldest;

    SlidingWindowLog(Window window, long marginMs) {
        this.window = window;
        this.periodMs = window.periodMs() + marginMs;
        this.times = new long[window.limit()];
        Arrays.fill(times, Long.MIN_VALUE / 4);
    }

    /** Milliseconds until one more request may go: 0 now, {@link #IN_FLIGHT} or more while the oldest is unanswered. */
    long waitMs(long now) {
        long t = times[oldest];
        return t >= IN_FLIGHT ? IN_FLIGHT : Math.max(0, t + periodMs - now);
    }

    /** Takes the oldest slot for a request about to be sent; returns the slot to {@link #answered} later. */
    int reserve() {
        int slot = oldest;
        times[slot] = IN_FLIGHT;
        oldest = (oldest + 1) % times.length;
        return slot;
    }

    /** The request of this slot is over; it counts as sent at {@code sentAt} and leaves the window a period later. */
    void answered(int slot, long sentAt) {
        if (times[slot] >= IN_FLIGHT) {
            times[slot] = sentAt;
        }
    }

    /** Requests in flight or answered within the last period before {@code now}. */
    int inWindow(long now) {
        int n = 0;
        for (long t : times) {
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
