package io.pdfsluice.limiter;

/**
 * A request of a run-once job that found its provider paused (a 429's Retry-After) for longer than the job waits
 * (sluice.retry.max-wait-ms): its document fails with the reason, so that the job ends (delivery's Retries).
 */
public class PausedTooLongException extends RuntimeException {

    private final long pausedMs;

    public PausedTooLongException(String message, long pausedMs) {
        super(message);
        this.pausedMs = pausedMs;
    }

    /** How long the pause had left when the request gave up. */
    public long pausedMs() {
        return pausedMs;
    }
}
