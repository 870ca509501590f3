package io.pdfsluice.limiter;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * What a provider's quota has said, for its limiter: the count these windows keep and the count its API reports
 * (X-Quota-Remaining), each warned about once at 80 %, and why a request stops waiting once it is spent.
 */
final class QuotaWatch {

    private static final Logger LOG = Logger.getLogger(Limiter.class);

    private final String provider;
    private final Windows windows;
    private final long quota;
    private final AtomicLong reported = new AtomicLong(-1);
    private volatile boolean warned;
    private volatile long spentLoggedFor;

    /** @param quota the conversions the plan includes per period (0: unknown) */
    QuotaWatch(String provider, Windows windows, long quota) {
        this.provider = provider;
        this.windows = windows;
        this.quota = quota;
    }

    /** Said once a period when the quota counted here is spent: every request waits for the period to renew. */
    void waitsWhenSpent() {
        windows.quota().filter(QuotaCount::spent).ifPresent(q -> {
            if (spentLoggedFor != q.renewsAtMs()) {
                spentLoggedFor = q.renewsAtMs();
                LOG.warnf("%s: every request waits for it", spentReason());
            }
        });
    }

    /** Warns once when 80 % of the quota counted here is used. */
    void warnWhenNearlySpent() {
        windows.quota().filter(QuotaCount::nearlySpent).ifPresent(q -> {
            if (!warned) {
                warned = true;
                LOG.warnf("Quota of %s: %d of %d conversions used this period (80 %% or more); it renews at %s",
                        provider, q.used(), q.limit(), q.renewsAt());
            }
        });
    }

    /** Why a request stops waiting for the quota: what is spent, and when it renews where that is known. */
    String spentReason() {
        return windows.quota().filter(QuotaCount::spent)
                .map(q -> "the quota of " + provider + " is spent (" + q.used() + " of " + q.limit()
                        + " conversions this period); it renews at " + q.renewsAt())
                .orElse("the quota of " + provider + " is spent, as its API says");
    }

    /** The API reports {@code left} conversions left; returns whether none is. Warns once at 80 % used. */
    boolean reported(long left) {
        reported.set(left);
        windows.quotaLeft(left); // the server's count wins where it is higher than ours: the key is used elsewhere too
        if (left > 0 && quota > 0 && left <= quota / 5 && !warned) {
            warned = true;
            LOG.warnf("Quota of %s: %d of %d conversions left this period (80 %% used)", provider, left, quota);
        }
        return left <= 0;
    }

    /** The conversions left this period as the API last reported them; -1 until it does. */
    long reported() {
        return reported.get();
    }
}
