package io.pdfsluice.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One rate-limit window of a plan: at most {@code limit} requests in any {@code periodMs} long stretch of time. */
public record Window(int limit, long periodMs) {

    private static final Pattern SHAPE = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*(ms|s|m|min|h|d)?\\s*");

    public Window {
        if (limit < 1 || periodMs < 1) {
            throw new IllegalArgumentException(
                    "a window needs a positive limit and period, got " + limit + "/" + periodMs + "ms");
        }
    }

    /** Parses {@code 600/60s}, {@code 20000/1h}, {@code 200000/30d}; a bare number of the period is seconds. */
    public static Window parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a window: write limit/period, e.g. 600/60s, 20000/1h");
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
        return new Window(Integer.parseInt(m.group(1)), amount * unitMs);
    }

    @Override
    public String toString() {
        return limit + "/" + (periodMs % 1000 == 0 ? periodMs / 1000 + "s" : periodMs + "ms");
    }
}
