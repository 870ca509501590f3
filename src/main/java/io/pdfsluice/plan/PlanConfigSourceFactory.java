package io.pdfsluice.plan;

import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Derives from the plans what is read before any bean exists: {@code sluice.plan} itself when it is not set
 * ({@code scale} for a hosted API, {@code engine} (unmetered) for the embedded engine and for Gotenberg), and
 * {@code sluice.concurrency} when it is not set: the documents in flight at once, so that a full window of every
 * provider's plan can go as one burst (Gotenberg's 6, what one container converts at once), each request a full batch
 * where the API takes batch requests. It runs before CDI, so
 * it reads each plan with the same {@link Plan#of} the providers call.
 */
public class PlanConfigSourceFactory implements ConfigSourceFactory {

    /** What one Gotenberg container converts at once (its --chromium-max-concurrency default); more only queue there. */
    static final int GOTENBERG_CONCURRENCY = 6;
    private static final String NAMED = "sluice.providers.";
    /** pdfRelay's batch capacity, as its profile (ApiShape) has it. */
    static final int PDFRELAY_BATCH = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String name = value(context, "sluice.plan");
        if (isBlank(name)) {
            // a hosted API sells plans (scale is the largest preset); the embedded engine is only bound by its cores
            // Gotenberg sells no plan either: its limit is the conversions it runs at once (the concurrency)
            // a hosted API's plan is learned from its first answer, unless sluice.plan.limits says it
            name = embedded(context) || selfHosted(context) ? "engine"
                    : isBlank(value(context, "sluice.plan.limits")) ? Plan.LEARN : "custom";
            derived.put("sluice.plan", name);
        }
        Plan plan = Plan.of(orElse(value(context, "sluice.provider"), "local").trim(), name,
                value(context, "sluice.plan.limits"), ZoneOffset.UTC);
        int max = Integer.parseInt(orElse(value(context, "sluice.concurrency-max"), "256"));
        int concurrency = concurrency(context, plan) * batchSize(value(context, "sluice.provider"),
                value(context, "sluice.api.batch-path"), value(context, "sluice.api.batch-size"));
        for (String provider : named(context)) {
            String profile = value(context, NAMED + provider + ".profile");
            concurrency += concurrency(profile, value(context, NAMED + provider + ".plan"),
                    value(context, NAMED + provider + ".limits"))
                    * batchSize(profile, value(context, NAMED + provider + ".api.batch-path"),
                            value(context, NAMED + provider + ".api.batch-size"));
        }
        int inFlight = Math.max(1, Math.min(concurrency, max));
        int batch = batchSize(value(context, "sluice.provider"), value(context, "sluice.api.batch-path"),
                value(context, "sluice.api.batch-size"));
        if (batch > 1 && inFlight > batch) {
            // whole batches: a remainder would be a batch that goes out part-full, on a place of its own
            inFlight -= inFlight % batch;
        }
        derived.put("sluice.concurrency", String.valueOf(inFlight));
        if ("true".equalsIgnoreCase(orElse(value(context, "sluice.dry-run"), "false").trim())) {
            // a dry run reads the inbox itself (DryRun) and calls nothing: no route starts
            derived.put("camel.main.auto-startup", "false");
        }
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

    /** The default provider's share. */
    static int concurrency(ConfigSourceContext context, Plan plan) {
        if (embedded(context)) {
            return engineConcurrency();
        }
        if (selfHosted(context) && isBlank(value(context, "sluice.plan"))) {
            return GOTENBERG_CONCURRENCY;
        }
        return plan.primary().limit();
    }

    /** A named provider's share, from its sluice.providers.&lt;name&gt;.profile, plan and limits. */
    static int concurrency(String profile, String plan, String limits) {
        String its = orElse(profile, "").trim();
        if (isBlank(plan) && isBlank(limits) && its.equals("local")) {
            return engineConcurrency();
        }
        if (isBlank(plan) && isBlank(limits) && its.equals("gotenberg")) {
            return GOTENBERG_CONCURRENCY;
        }
        return Plan.of(its, orElse(plan, isBlank(limits) ? Plan.LEARN : "custom"), limits, ZoneOffset.UTC).primary()
                .limit();
    }

    /**
     * The documents one request carries: a batch request's capacity (pdfrelay's 50, or sluice.api.batch-size), else
     * 1. A window's requests in flight together then carry that many documents each.
     */
    static int batchSize(String profile, String batchPath, String batchSize) {
        boolean batches = "pdfrelay".equals(orElse(profile, "").trim()) || !isBlank(batchPath);
        if (!batches) {
            return 1;
        }
        try {
            return isBlank(batchSize) ? PDFRELAY_BATCH : Math.max(1, Integer.parseInt(batchSize.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("batch-size=" + batchSize + " is not a number of documents (1-1000)");
        }
    }

    private static int engineConcurrency() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** The names of sluice.providers.&lt;name&gt;.profile. */
    private static Set<String> named(ConfigSourceContext context) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = context.iterateNames(); it.hasNext();) {
            String key = it.next();
            if (key.startsWith(NAMED) && key.endsWith(".profile")) {
                names.add(key.substring(NAMED.length(), key.length() - ".profile".length()));
            }
        }
        return names;
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
