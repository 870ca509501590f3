package io.pdfsluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

/** Plans as sluice.plan, sluice.plan.limits, sluice.plan.zone and sluice.plan.quota write them (issue 19). */
class PlanTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void calendarWindowsAreWrittenByTheirPeriodAndKeepTheirShape() {
        Plan plan = Plan.of("blink", "custom", "120/60s, 1000/day ,25000/month,20000/1h", ZoneOffset.UTC);
        assertEquals("[120/60s, 20000/3600s, 1000/day, 25000/month]", plan.windows().toString(), "shortest first");
        assertFalse(plan.windows().get(1).isCalendar());
        assertEquals(ChronoUnit.DAYS, plan.windows().get(2).calendar().unit());
        assertEquals(25000, plan.quota().orElseThrow().limit(), "the quota is the calendar month");
        assertEquals(1000, Plan.of("blink", "custom", "10/1s,1000/day", ZoneOffset.UTC).quota().orElseThrow().limit(),
                "else the day");
        assertTrue(Plan.of("blink", "custom", "10/1s,200000/30d", ZoneOffset.UTC).quota().isEmpty(),
                "a sliding 30 days is a window, not the calendar's quota");
    }

    @Test
    void thePresetsAreTheGuidesPlansWithTheirLongerWindowsAndQuotas() {
        assertEquals("[120/60s, 25000/month]", Plan.of("blink", "pro", null, ZoneOffset.UTC).windows().toString());
        assertEquals("[600/60s, 200000/month]",
                Plan.of("changethisfile", "business", null, ZoneOffset.UTC).windows().toString());
        assertEquals("[60/60s, 1000/3600s, 5000/month]",
                Plan.of("pdfrelay", "growth", null, ZoneOffset.UTC).windows().toString());
        assertEquals("[200/60s, 5000/3600s, 25000/month]",
                Plan.of("pdfrelay", "scale", null, ZoneOffset.UTC).windows().toString());
        assertTrue(Plan.of("pdfrelay", null, null, ZoneOffset.UTC).learns(), "unset: learned from the answers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plan.of("blink", "growth", null, ZoneOffset.UTC));
        assertTrue(e.getMessage().contains("free, starter, pro, business, scale"), e.getMessage());
    }

    @Test
    void aQuotaReplacesThePresetsMonthAndAddsOneWhereThereIsNone() {
        assertEquals("[120/60s, 30000/month]",
                Plan.of("blink", "pro", null, ZoneOffset.UTC).withQuota(30_000, ZoneOffset.UTC).windows().toString());
        assertEquals("[5000/60s, 100/month]",
                Plan.of("blink", "scale", null, ZoneOffset.UTC).withQuota(100, ZoneOffset.UTC).windows().toString());
        Plan pro = Plan.of("blink", "pro", null, ZoneOffset.UTC);
        assertEquals(pro, pro.withQuota(0, ZoneOffset.UTC), "0 keeps the preset's");
    }

    @Test
    void aCalendarPeriodRenewsAtTheVendorsMidnightInItsZone() {
        CalendarPeriod month = Window.parse("3/month", NEW_YORK).calendar();
        long lateJanuary = Instant.parse("2026-02-01T04:59:59Z").toEpochMilli(); // 23:59:59 in New York
        assertEquals(Instant.parse("2026-01-01T05:00:00Z").toEpochMilli(), month.startOf(lateJanuary));
        assertEquals(Instant.parse("2026-02-01T05:00:00Z").toEpochMilli(), month.endOf(lateJanuary));
        CalendarPeriod day = Window.parse("3/day", ZoneId.of("Europe/Paris")).calendar();
        long springForward = Instant.parse("2026-03-29T12:00:00Z").toEpochMilli(); // a day of 23 hours in Paris
        assertEquals(23 * 3_600_000L, day.endOf(springForward) - day.startOf(springForward));
        assertTrue(day.endOf(springForward) - day.startOf(springForward) <= Window.parse("3/day").periodMs());
    }

    @Test
    void aWrongWindowOrZoneNamesWhatIsWrong() {
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class, () -> Window.parse("10/week"));
        assertTrue(window.getMessage().contains("limit/day, limit/month"), window.getMessage());
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
                () -> Plan.zone("sluice.plan.zone", "Mars/Olympus"));
        assertTrue(zone.getMessage().startsWith("sluice.plan.zone=Mars/Olympus is not a time zone"), zone.getMessage());
    }
}
