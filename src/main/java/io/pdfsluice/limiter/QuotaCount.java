package io.pdfsluice.limiter;

import java.time.Instant;

/**
 * The plan's quota as this instance counts it: the requests answered in its calendar period (the month's, else the
 * day's), its limit, and when the period renews (epoch ms).
 */
public record QuotaCount(long used, long limit, long renewsAtMs) {

    /** No place is left in this period. */
    public boolean spent() {
        return used >= limit;
    }

    /** At least 80 % used: the moment to warn. */
    public boolean nearlySpent() {
        return used * 5 >= limit * 4;
    }

    public Instant renewsAt() {
        return Instant.ofEpochMilli(renewsAtMs);
    }
}
