package io.pdfsluice.limiter;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What an answer's headers say about the key's budget: a 429's {@code Retry-After} (seconds or an HTTP date), the
 * server's own window ({@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} in epoch seconds) and the quota left
 * ({@code X-Quota-Remaining}, ChangeThisFile's {@code X-CTF-Remaining}). Header names are matched in any case.
 */
public record RateLimitHeaders(String retryAfter, String limit, String remaining, String reset, List<String> quota) {

    /** When Retry-After is missing or unreadable, a 429 waits this long. */
    static final long RETRY_AFTER_UNKNOWN_MS = 1_000;

    public static RateLimitHeaders of(Map<String, Object> headers) {
        List<String> quota = new ArrayList<>(2);
        for (String name : List.of("X-Quota-Remaining", "X-CTF-Remaining")) {
            String value = header(headers, name);
            if (value != null) {
                quota.add(value);
            }
        }
        return new RateLimitHeaders(header(headers, "Retry-After"), header(headers, "X-RateLimit-Limit"),
                header(headers, "X-RateLimit-Remaining"), header(headers, "X-RateLimit-Reset"), quota);
    }

    /** How long a 429 asks every sender to wait, from {@code now}. */
    public long retryAfterMs(long now) {
        return retryAfterMs(retryAfter, now);
    }

    static long retryAfterMs(String value, long now) {
        if (value == null || value.isBlank()) {
            return RETRY_AFTER_UNKNOWN_MS;
        }
        try {
            return Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - now);
            } catch (RuntimeException unreadable) {
                return RETRY_AFTER_UNKNOWN_MS;
            }
        }
    }

    /**
     * When the server says the key's window is spent (remaining 0), the moment it resets, in epoch ms. Vendors send
     * X-RateLimit-Reset either as a unix time or as seconds from now: a number below {@value #EPOCH_SECONDS_FROM}
     * (2001-09-09) cannot be a unix time of an answer, so it is seconds from {@code now}.
     */
    public OptionalLong windowSpentUntilMs(long now) {
        // a limit of 0 or less is no limit (limitCount), whatever the remaining count beside it says
        return remainingCount().equals(OptionalInt.of(0)) && !unlimited() ? resetAtMs(now) : OptionalLong.empty();
    }

    /** When the server's window resets, in epoch ms (see {@link #windowSpentUntilMs}); empty when unreadable. */
    public OptionalLong resetAtMs(long now) {
        if (reset == null) {
            return OptionalLong.empty();
        }
        try {
            double seconds = Double.parseDouble(reset.trim());
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                return OptionalLong.empty();
            }
            long ms = Math.round(seconds * 1000);
            return OptionalLong.of(seconds < EPOCH_SECONDS_FROM ? now + ms : ms);
        } catch (NumberFormatException unreadable) {
            return OptionalLong.empty(); // the throttle and the windows alone pace us
        }
    }

    /**
     * The requests the server's window allows ({@code X-RateLimit-Limit}); empty for 0 or less, which APIs send for a
     * key without a limit.
     */
    public OptionalInt limitCount() {
        return unlimited() ? OptionalInt.empty() : count(limit);
    }

    /** Whether X-RateLimit-Limit reads as a number of 0 or less. */
    private boolean unlimited() {
        try {
            return limit != null && Integer.parseInt(limit.trim()) <= 0;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }

    /** The requests left in the server's window ({@code X-RateLimit-Remaining}); empty when negative. */
    public OptionalInt remainingCount() {
        return count(remaining);
    }

    private static OptionalInt count(String value) {
        try {
            int count = value == null ? -1 : Integer.parseInt(value.trim());
            return count < 0 ? OptionalInt.empty() : OptionalInt.of(count);
        } catch (NumberFormatException unreadable) {
            return OptionalInt.empty();
        }
    }

    /** Where a Reset stops being seconds from now and is a unix time. */
    static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    /**
     * The conversions left this period, from every quota header that can be read. A negative count says nothing: APIs
     * send -1 for a plan without a quota, and a spent one is 0.
     */
    public List<Long> quotaLeft() {
        List<Long> left = new ArrayList<>(quota.size());
        for (String value : quota) {
            try {
                long count = Long.parseLong(value.trim());
                if (count >= 0) {
                    left.add(count);
                }
            } catch (NumberFormatException unreadable) {
                // an unreadable count says nothing
            }
        }
        return left;
    }

    private static String header(Map<String, Object> headers, String name) {
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().toString();
            }
        }
        return null;
    }
}
