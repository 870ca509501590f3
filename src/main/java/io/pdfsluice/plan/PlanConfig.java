package io.pdfsluice.plan;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The plan of the API key ({@code sluice.plan.*}): how fast the API may be called and what the plan includes. The
 * knobs an operator sets have their defaults in application.properties; the margin, which an operator seldom
 * touches, has its default here (and {@link PlanConfigSourceFactory} reads the same constant before CDI).
 */
@ConfigMapping(prefix = "sluice.plan")
public interface PlanConfig {

    /** The default of {@link #marginMs()}, also used by {@link PlanConfigSourceFactory}, which runs before CDI. */
    String MARGIN_MS = "20";

    /**
     * {@code sluice.plan}: free, starter, pro, business, scale, engine or custom. Never empty at run time: when an
     * operator leaves it unset, {@link PlanConfigSourceFactory} sets scale (a hosted API) or engine (the embedded one).
     */
    @WithParentName
    String name();

    /**
     * {@code sluice.plan.limits}: the windows enforced together, as limit/period, e.g. {@code 600/60s,20000/3600s};
     * required for plan custom, and with a preset plan it replaces the preset's windows.
     */
    Optional<String> limits();

    /**
     * {@code sluice.plan.quota}: conversions per calendar month the plan includes, counted here as requests go (a
     * month window in place of the preset's) and from what the API reports left: a warning at 80 % used, a pause (or
     * a run-once's exit 75) at 100 %. 0: the preset's month, if it has one.
     */
    long quota();

    /**
     * {@code sluice.plan.zone}: the vendor's time zone, in which its calendar windows (day, month: the quota) renew
     * at midnight, e.g. UTC or America/New_York.
     */
    String zone();

    /** {@code sluice.plan.quota-pause-ms}: how long every sender waits when the quota is used up, before trying again. */
    long quotaPauseMs();

    /**
     * {@code sluice.plan.margin-ms}: added to every window's period; covers the rounding of the server's and this
     * machine's clocks, since a request counts from when the server had it by its answer (io.pdfsluice.limiter.ServedTime).
     */
    @WithDefault(MARGIN_MS)
    long marginMs();
}
