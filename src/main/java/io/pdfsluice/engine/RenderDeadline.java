package io.pdfsluice.engine;

import java.util.concurrent.TimeUnit;

/**
 * When a render must have ended. The renderers ask it between units of work (a run of text laid out, a page
 * written or drawn), so that a runaway document stops soon after its time is up instead of holding its slot.
 */
final class RenderDeadline {

    private static final long NEVER = Long.MAX_VALUE;

    private final long timeoutMs;
    private final long endNanos;

    private RenderDeadline(long timeoutMs, long startNanos) {
        this.timeoutMs = timeoutMs;
        this.endNanos = timeoutMs == NEVER ? 0 : startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Ends timeoutMs from now; 0 or less: never. */
    static RenderDeadline in(long timeoutMs) {
        return new RenderDeadline(timeoutMs > 0 ? timeoutMs : NEVER, System.nanoTime());
    }

    static RenderDeadline none() {
        return in(0);
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Nanoseconds left, at least 0; Long.MAX_VALUE for a render without a deadline. */
    long remainingNanos() {
        return timeoutMs == NEVER ? Long.MAX_VALUE : Math.max(0, endNanos - System.nanoTime());
    }

    boolean passed() {
        return remainingNanos() == 0;
    }

    /** Throws once the time is up, or when the rendering thread was interrupted because it was abandoned. */
    void check() {
        if (passed() || Thread.currentThread().isInterrupted()) {
            throw expired();
        }
    }

    RenderLimitException expired() {
        return RenderLimitException.tookLongerThan(timeoutMs);
    }
}
