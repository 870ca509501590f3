package io.pdfsluice.limiter;

import org.jboss.logging.Logger;

/**
 * The pauses a provider's API asks for (a 429's Retry-After, a shared key's window spent elsewhere until its reset,
 * a spent quota), which hold every sender, and how long a request waits them out: a service as long as the API
 * says; a run-once job at most sluice.retry.max-wait-ms, so that it ends. A request of the job that finds a longer
 * pause fails with {@link PausedTooLongException} instead of holding its document, and the job, for that long.
 */
public final class Pauses {

    private static final Logger LOG = Logger.getLogger(Pauses.class);

    private final String provider;
    private volatile long longestWaitMs = Long.MAX_VALUE;
    private volatile String why = "as its API asked";

    Pauses(String provider) {
        this.provider = provider;
    }

    /** A run-once job's bound on the wait, set at start-up. */
    public void waitAtMost(long ms) {
        longestWaitMs = ms;
    }

    /** Pauses every sender of {@code windows} for {@code ms}, saying why when it begins or grows. */
    void begin(Windows windows, long ms, String why) {
        this.why = why;
        if (windows.pause(ms)) {
            LOG.warnf("Pausing every request to %s for %d ms: %s", provider, ms, why);
        }
    }

    /** Fails the request when the pause it found lasts longer than it waits. */
    void check(long pausedMs) {
        if (pausedMs > longestWaitMs) {
            throw new PausedTooLongException("every request to " + provider + " is paused for " + pausedMs
                    + " ms more (" + why + "), longer than a run-once waits (sluice.retry.max-wait-ms="
                    + longestWaitMs + ")", pausedMs);
        }
    }
}
