package io.pdfsluice.limiter;

/**
 * A request that does not wait for its provider's quota to renew, because a fallback takes its document meanwhile
 * (sluice.fallback=local): the attempt is tried again at once, and goes to the fallback.
 */
public class QuotaSpentException extends RuntimeException {

    public QuotaSpentException(String message) {
        super(message);
    }
}
