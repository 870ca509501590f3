package io.pdfsluice.plan;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rate-limit window of a plan: at most {@code limit} requests in any {@code periodMs} long stretch of time (a
 * sliding window), or, with a {@code calendar}, in each day or month of the vendor's calendar; {@code periodMs} is
 * then the longest such a period can be.
 */
public record Window(int limit, long periodMs, CalendarPeriod calendar) {

    private static final Pattern SHAPE = Pattern
            .compile("\\s*(\\d+)\\s*/\\s*(?:(\\d+)\\s*(ms|s|m|min|h|d)?|(day|month))\\s*");

    public Window {
        if (limit < 1 || periodMs < 1) {
            throw new IllegalArgumentException(
                    "a window needs a positive limit and period, got " + limit + "/" + periodMs + "ms");
        }
    }

    /** A sliding window. */
    public Window(int limit, long periodMs) {
        this(limit, periodMs, null);
    }

    /** A window renewed each day or month at midnight in {@code zone}. */
    public static Window calendar(int limit, ChronoUnit unit, ZoneId zone) {
        CalendarPeriod period = new CalendarPeriod(unit, zone);
        return new Window(limit, period.longestMs(), period);
    }

    /** As {@link #parse(String, ZoneId)} in UTC. */
    public static Window parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /**
     * Parses a sliding window, {@code 600/60s}, {@code 20000/1h}, {@code 200000/30d} (a bare number of the period is
     * seconds), or a calendar one, {@code 1000/day}, {@code 25000/month}, renewed at midnight in {@code zone}.
     */
    public static Window parse(String text, ZoneId zone) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a window: write limit/period, e.g. 600/60s, "
                    + "20000/1h, or limit/day, limit/month for the vendor's calendar");
        }
        int limit = Integer.parseInt(m.group(1));
        if (m.group(4) != null) {
            return calendar(limit, m.group(4).equals("day") ? ChronoUnit.DAYS : ChronoUnit.MONTHS, zone);
        }
        long amount = Long.parseLong(m.group(2));
        String unit = m.group(3) == null ? "s" : m.group(3);
        long unitMs = switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return new Window(limit, amount * unitMs);
    }

    /** True for a day or month of the vendor's calendar. */
    public boolean isCalendar() {
        return calendar != null;
    }

    @Override
    public String toString() {
        if (calendar != null) {
            return limit + "/" + calendar.label();
        }
        return limit + "/" + (periodMs % 1000 == 0 ? periodMs / 1000 + "s" : periodMs + "ms");
    }
}
