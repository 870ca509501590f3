package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** X-RateLimit-Reset as the vendors send it: a unix time (pdfRelay's guide) or seconds from now (others). */
class RateLimitHeadersTest {

    static final long NOW = 1_765_000_000_000L;

    static OptionalLong spentUntil(String remaining, String reset) {
        return RateLimitHeaders.of(Map.of("X-RateLimit-Remaining", remaining, "X-RateLimit-Reset", reset))
                .windowSpentUntilMs(NOW);
    }

    @Test
    void aUnixTimeAndSecondsFromNowAreBothRead() {
        assertEquals(OptionalLong.of(1_765_000_042_000L), spentUntil("0", "1765000042"), "a unix time");
        assertEquals(OptionalLong.of(NOW + 42_000), spentUntil("0", "42"), "seconds from now");
        assertEquals(OptionalLong.of(NOW + 1_500), spentUntil("0", "1.5"), "a fraction of a second");
        assertEquals(OptionalLong.of(NOW + 2_592_000_000L), spentUntil("0", "2592000"), "a month from now");
    }

    @Test
    void nothingIsReadFromAWindowThatIsNotSpentOrAResetThatIsNotANumber() {
        assertEquals(OptionalLong.empty(), spentUntil("3", "42"));
        assertEquals(OptionalLong.empty(), spentUntil("0", "soon"));
        assertEquals(OptionalLong.empty(), spentUntil("0", "-5"));
        assertEquals(OptionalLong.empty(), spentUntil("0", "NaN"));
    }

    @Test
    void aNegativeCountIsNoLimitNotASpentOne() {
        // -1 is what APIs send for a plan without a quota or a limit; before, it read as a spent quota (exit 75)
        RateLimitHeaders unlimited = RateLimitHeaders.of(Map.of("X-Quota-Remaining", "-1", "X-CTF-Remaining", "12",
                "X-RateLimit-Limit", "-1", "X-RateLimit-Remaining", "-1"));
        assertEquals(List.of(12L), unlimited.quotaLeft(), "the readable, non-negative count alone");
        assertEquals(OptionalInt.empty(), unlimited.limitCount());
        assertEquals(OptionalInt.empty(), unlimited.remainingCount());
        RateLimitHeaders zeroLimit = RateLimitHeaders.of(Map.of("X-RateLimit-Limit", "0", "X-RateLimit-Remaining", "0",
                "X-Quota-Remaining", "0"));
        assertEquals(OptionalInt.empty(), zeroLimit.limitCount(), "a window of no requests is no window");
        assertEquals(OptionalInt.of(0), zeroLimit.remainingCount(), "none left is still read");
        assertEquals(List.of(0L), zeroLimit.quotaLeft(), "a spent quota is still read");
        // with no limit, none remaining beside it spends no window: nothing pauses until the reset
        assertEquals(OptionalLong.empty(), RateLimitHeaders.of(Map.of("X-RateLimit-Limit", "0", "X-RateLimit-Remaining",
                "0", "X-RateLimit-Reset", "42")).windowSpentUntilMs(NOW));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.of(Map.of("X-RateLimit-Limit", "-1", "X-RateLimit-Remaining",
                "0", "X-RateLimit-Reset", "42")).windowSpentUntilMs(NOW));
        assertEquals(OptionalLong.of(NOW + 42_000), RateLimitHeaders.of(Map.of("X-RateLimit-Limit", "10",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "42")).windowSpentUntilMs(NOW), "a real limit spent");
    }
}
