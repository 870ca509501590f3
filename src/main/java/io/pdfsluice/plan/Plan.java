package io.pdfsluice.plan;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A named plan and the windows its API enforces together, shortest window first. */
public record Plan(String name, List<Window> windows) {

    /**
     * The plans the vendors' guides sell, by name: Blink's (seed 000), which every profile without its own table
     * uses, and pdfRelay's (seed 003), with their hourly windows and monthly quotas where the guides give them.
     */
    static final Map<String, String> PRESETS = presets(
            "free", "5/60s",
            "starter", "30/60s",
            "pro", "120/60s,25000/month",
            "business", "600/60s,200000/month",
            "scale", "5000/60s");
    static final Map<String, String> PDFRELAY = presets(
            "free", "5/60s,30/1h,10/month",
            "starter", "20/60s,200/1h,500/month",
            "growth", "60/60s,1000/1h,5000/month",
            "scale", "200/60s,5000/1h,25000/month");
    /** The embedded engine has no vendor and no plan: far above what it renders, so nothing ever waits. */
    static final String ENGINE = "10000/1s";
    /**
     * {@code learn}, a hosted API's plan when none is set: the windows come from its first answer (the limiter's
     * LearningWindows); until then, and for an API that tells nothing, the largest preset's rate is the ceiling.
     */
    public static final String LEARN = "learn";
    static final String CEILING = "5000/60s";

    /** As {@link #of(String, String, String, ZoneId)} for a profile with Blink's table, in UTC. */
    public static Plan of(String name, String limits) {
        return of("blink", name, limits, ZoneOffset.UTC);
    }

    /**
     * The plan from {@code sluice.plan} and {@code sluice.plan.limits} for an API of {@code profile}; explicit limits
     * win over a preset, and calendar windows (day, month) renew at midnight in {@code zone}. The one place a plan is
     * read from configuration: each provider (ApiProfiles) reads its own, and {@link PlanConfigSourceFactory} calls
     * it before CDI to derive the routes' placeholders.
     */
    public static Plan of(String profile, String name, String limits, ZoneId zone) {
        String plan = name == null ? LEARN : name.trim().toLowerCase(Locale.ROOT);
        Map<String, String> presets = presets(profile);
        String windows = limits != null && !limits.isBlank() ? limits
                : plan.equals("engine") ? ENGINE : plan.equals(LEARN) ? CEILING : presets.get(plan);
        if (windows == null) {
            throw new IllegalArgumentException("sluice.plan=" + name + (plan.equals("custom")
                    ? " needs sluice.plan.limits, e.g. 600/60s,20000/3600s"
                    : " is not a plan of " + profile + ": use " + String.join(", ", presets.keySet())
                            + ", custom, engine, or leave it unset to learn it from the API's answers"));
        }
        List<Window> parsed = Arrays.stream(windows.split(","))
                .filter(s -> !s.isBlank())
                .map(w -> Window.parse(w, zone))
                .sorted(Comparator.comparingLong(Window::periodMs))
                .toList();
        return new Plan(plan, parsed);
    }

    /** {@code setting}'s time zone; an unknown one stops start-up with the setting's name. */
    public static ZoneId zone(String setting, String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(setting + "=" + zone + " is not a time zone: use UTC, an offset such "
                    + "as +01:00, or a region such as Europe/Paris");
        }
    }

    /** The preset plans of a profile, by name, cheapest first (the embedded engine's aside). */
    public static Map<String, String> presets(String profile) {
        return "pdfrelay".equals(profile) ? PDFRELAY : PRESETS;
    }

    /**
     * This plan with {@code sluice.plan.quota} counted locally: a calendar-month window of {@code quota}
     * conversions, in place of any month the preset or the limits have. 0 leaves the plan as it is.
     */
    public Plan withQuota(long quota, ZoneId zone) {
        if (quota <= 0) {
            return this;
        }
        List<Window> kept = new ArrayList<>(windows.stream()
                .filter(w -> !w.isCalendar() || w.calendar().unit() != ChronoUnit.MONTHS).toList());
        kept.add(Window.calendar((int) Math.min(Integer.MAX_VALUE, quota), ChronoUnit.MONTHS, zone));
        kept.sort(Comparator.comparingLong(Window::periodMs));
        return new Plan(name, List.copyOf(kept));
    }

    /** True when the windows are to be learned from the API's answers. */
    public boolean learns() {
        return name.equals(LEARN);
    }

    /** The shortest window: the one the Throttle EIP enforces and the one that sets the burst size. */
    public Window primary() {
        return windows.get(0);
    }

    /** The plan's quota: its longest calendar window (the month's, else the day's), counted here as it is used. */
    public Optional<Window> quota() {
        return windows.stream().filter(Window::isCalendar).reduce((a, b) -> b);
    }

    @Override
    public String toString() {
        return name + " " + windows;
    }

    private static Map<String, String> presets(String... pairs) {
        Map<String, String> presets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            presets.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(presets);
    }
}
