package io.pdfsluice.plan;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Derives the numbers the routes need from the plan, so routes read plain placeholders:
 * {@code sluice.plan.window.requests}, {@code sluice.plan.window.period-ms} (the primary window plus the safety
 * margin) and {@code sluice.concurrency} when it is not set; and {@code sluice.plan} itself when it is not set:
 * {@code scale} for a hosted API, {@code engine} (unmetered) for the embedded engine and for Gotenberg (whose
 * concurrency is then 6, what one container converts at once). It runs before CDI, so it
 * reads the plan with the same {@link Plan#of} the {@link Plans} producer calls.
 */
public class PlanConfigSourceFactory implements ConfigSourceFactory {

    /** What one Gotenberg container converts at once (its --chromium-max-concurrency default); more only queue there. */
    static final int GOTENBERG_CONCURRENCY = 6;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String name = value(context, "sluice.plan");
        if (isBlank(name)) {
            // a hosted API sells plans (scale is the largest preset); the embedded engine is only bound by its cores
            // Gotenberg sells no plan either: its limit is the conversions it runs at once (the concurrency)
            name = embedded(context) || selfHosted(context) ? "engine" : "scale";
            derived.put("sluice.plan", name);
        }
        Plan plan = Plan.of(name, value(context, "sluice.plan.limits"));
        long margin = Long.parseLong(orElse(value(context, "sluice.plan.margin-ms"), PlanConfig.MARGIN_MS));
        derived.put("sluice.plan.window.requests", String.valueOf(plan.primary().limit()));
        derived.put("sluice.plan.window.period-ms", String.valueOf(plan.primary().periodMs() + margin));
        derived.put("sluice.concurrency", String.valueOf(concurrency(context, plan)));
        // Lowest ordinal: anything an operator sets wins.
        return Collections.singletonList(new MapBackedConfigSource("pdf-sluice plan", derived, 10) {
        });
    }

    /** No hosted API configured: the local provider calls this app's own engine. */
    static boolean embedded(ConfigSourceContext context) {
        return orElse(value(context, "sluice.provider"), "local").equals("local")
                && isBlank(value(context, "sluice.api.url"));
    }

    /** Gotenberg, the self-hosted PDF API: no rate plan, a queue in front of Chromium. */
    static boolean selfHosted(ConfigSourceContext context) {
        return "gotenberg".equals(orElse(value(context, "sluice.provider"), "local").trim());
    }

    static int concurrency(ConfigSourceContext context, Plan plan) {
        if (embedded(context)) {
            return 4 * Runtime.getRuntime().availableProcessors();
        }
        if (selfHosted(context) && isBlank(value(context, "sluice.plan"))) {
            return GOTENBERG_CONCURRENCY;
        }
        int max = Integer.parseInt(orElse(value(context, "sluice.concurrency-max"), "256"));
        return Math.max(1, Math.min(plan.primary().limit(), max));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null ? null : v.getValue();
    }

    private static String orElse(String value, String fallback) {
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
