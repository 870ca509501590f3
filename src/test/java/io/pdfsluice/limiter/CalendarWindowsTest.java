package io.pdfsluice.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pdfsluice.plan.Plan;

/**
 * A plan's calendar day and month (issue 19): counted until the vendor's midnight, in its zone, then empty; restored
 * from the ledger for the same period only; corrected by what the API says is left.
 */
class CalendarWindowsTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long MARGIN = 100;
    final AtomicLong now = new AtomicLong(Instant.parse("2026-02-01T04:58:00Z").toEpochMilli()); // 23:58 in New York

    LocalWindows windows(String limits) {
        return new LocalWindows(Plan.of("blink", "custom", limits, NEW_YORK), MARGIN, now::get);
    }

    @Test
    void aSpentMonthWaitsForTheVendorsMidnightPlusTheMarginThenStartsEmpty() {
        LocalWindows windows = windows("100/1s,3/month");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, windows.tryTake("p" + i));
            windows.answered("p" + i);
        }
        long midnight = Instant.parse("2026-02-01T05:00:00Z").toEpochMilli();
        assertEquals(midnight + MARGIN - now.get(), windows.tryTake("next"), "until the month renews");
        QuotaCount quota = windows.quota().orElseThrow();
        assertTrue(quota.spent());
        assertEquals(Instant.ofEpochMilli(midnight + MARGIN), quota.renewsAt());

        now.set(midnight + MARGIN);
        assertEquals(0, windows.tryTake("february"));
        assertEquals(0, windows.quota().orElseThrow().used(), "in flight, not yet counted");
        windows.answered("february");
        assertEquals(1, windows.quota().orElseThrow().used());
    }

    @Test
    void aRequestInFlightAtMidnightCountsInTheNewPeriod() {
        LocalWindows windows = windows("100/1s,2/day");
        windows.tryTake("late");
        now.set(Instant.parse("2026-02-01T05:00:01Z").toEpochMilli());
        windows.answered("late");
        assertEquals(1, windows.quota().orElseThrow().used(), "the server may have counted it on either day");
    }

    @Test
    void theLedgerRestoresThisPeriodsRequestsAndNotLastPeriods(@TempDir Path state) throws Exception {
        Plan plan = Plan.of("blink", "custom", "100/1s,5/month", NEW_YORK);
        Path file = state.resolve("budget.ledger");
        DurableWindows first = new DurableWindows(plan, MARGIN, file, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, first.tryTake("jan" + i));
            first.answered("jan" + i);
        }
        now.addAndGet(60_000); // 23:59: the same month
        DurableWindows restarted = new DurableWindows(plan, MARGIN, file, now::get);
        assertEquals(3, restarted.quota().orElseThrow().used(), "a restart keeps the month");

        now.set(Instant.parse("2026-02-01T05:01:00Z").toEpochMilli()); // February in New York
        DurableWindows nextMonth = new DurableWindows(plan, MARGIN, file, now::get);
        assertEquals(0, nextMonth.quota().orElseThrow().used(), "January's requests do not count in February");
    }

    @Test
    void theApisCountWinsWhereItIsHigherThanOurs() {
        LocalWindows windows = windows("100/1s,10/month");
        windows.tryTake("a");
        windows.answered("a");
        windows.quotaLeft(9);
        assertEquals(1, windows.quota().orElseThrow().used(), "the same count");
        windows.quotaLeft(2);
        assertEquals(8, windows.quota().orElseThrow().used(), "another client spends the key too");
        assertTrue(windows.quota().orElseThrow().nearlySpent());
        windows.quotaLeft(7);
        assertEquals(8, windows.quota().orElseThrow().used(), "never less than what was counted");
        windows.quotaLeft(0);
        assertTrue(windows.tryTake("b") > 0, "spent: no place until the month renews");
    }

    @Test
    void aLimiterThatYieldsSaysWhenTheQuotaRenews() {
        LocalWindows windows = windows("100/1s,1/month");
        Limiter limiter = new Limiter(windows, 0, 1, 60_000, now::get);
        assertFalse(limiter.quotaSpent());
        windows.tryTake("only");
        windows.answered("only");
        assertTrue(limiter.quotaSpent(), "counted here, without a word from the API");
        assertEquals("the quota of api is spent (1 of 1 conversions this period); it renews at 2026-02-01T05:00:00.100Z",
                limiter.quotaSpentReason());
    }
}
