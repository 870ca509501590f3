package io.pdfsluice.limiter;

/**
 * A request that does not wait for its provider's quota to renew: a fallback takes its document meanwhile
 * (sluice.fallback=local; the attempt is tried again at once and goes there), or a run-once job halts and exits 75,
 * its documents kept for the next run (routes/delivery.yaml).
 */
public class QuotaSpentException extends RuntimeException {

    public QuotaSpentException(String message) {
        super(message);
    }
}
