package io.pdfsluice.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A window the vendor renews on its calendar, not one that slides: every day, or every month, at midnight in the
 * vendor's time zone ({@code sluice.plan.zone}, UTC unless set). The requests of a period all count until it ends,
 * however early in it they went; then the next period starts empty.
 */
public record CalendarPeriod(ChronoUnit unit, ZoneId zone) {

    public CalendarPeriod {
        if (unit != ChronoUnit.DAYS && unit != ChronoUnit.MONTHS) {
            throw new IllegalArgumentException("a calendar window is a day or a month, not " + unit);
        }
    }

    /** The longest such a period can be (a day of a clock change, a 31-day month), for what keeps its requests. */
    public long longestMs() {
        return unit == ChronoUnit.DAYS ? 25 * 3_600_000L : 31 * 86_400_000L + 3_600_000L;
    }

    /** When the period holding {@code epochMs} began, in epoch ms. */
    public long startOf(long epochMs) {
        return first(epochMs).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** When the period holding {@code epochMs} ends and the next one starts, in epoch ms. */
    public long endOf(long epochMs) {
        return first(epochMs).plus(1, unit).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private LocalDate first(long epochMs) {
        LocalDate date = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
        return unit == ChronoUnit.DAYS ? date : date.withDayOfMonth(1);
    }

    /** {@code day} or {@code month}, as sluice.plan.limits writes it. */
    public String label() {
        return unit == ChronoUnit.DAYS ? "day" : "month";
    }
}
