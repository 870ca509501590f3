package io.pdfsluice.plan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A named plan and the windows its API enforces together, shortest window first. */
public record Plan(String name, List<Window> windows) {

    static final Map<String, String> PRESETS = Map.of(
            "free", "5/60s",
            "starter", "30/60s",
            "pro", "120/60s",
            "business", "600/60s",
            "scale", "5000/60s",
            // the embedded engine has no vendor and no plan: far above what it renders, so nothing ever waits
            "engine", "10000/1s");

    /**
     * The plan from {@code sluice.plan} and {@code sluice.plan.limits}; explicit limits win over a preset. The one
     * place a plan is read from configuration: each provider (ApiProfiles) reads its own, and
     * {@link PlanConfigSourceFactory} calls it before CDI to derive the routes' placeholders.
     */
    public static Plan of(String name, String limits) {
        String plan = name == null ? "scale" : name.trim().toLowerCase(Locale.ROOT);
        String windows = limits != null && !limits.isBlank() ? limits : PRESETS.get(plan);
        if (windows == null) {
            throw new IllegalArgumentException("sluice.plan=" + name + (plan.equals("custom")
                    ? " needs sluice.plan.limits, e.g. 600/60s,20000/3600s"
                    : " is not a plan: use free, starter, pro, business, scale, engine or custom"));
        }
        List<Window> parsed = Arrays.stream(windows.split(","))
                .filter(s -> !s.isBlank())
                .map(Window::parse)
                .sorted(Comparator.comparingLong(Window::periodMs))
                .toList();
        return new Plan(plan, parsed);
    }

    /** The shortest window: the one the Throttle EIP enforces and the one that sets the burst size. */
    public Window primary() {
        return windows.get(0);
    }

    @Override
    public String toString() {
        return name + " " + windows;
    }
}
