package io.pdfsluice.limiter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator watches of each provider's limiter on /q/metrics, tagged with the provider: the pause in force,
 * the primary window used, the quota left.
 */
public final class LimiterMeters {

    private LimiterMeters() {
    }

    public static void register(MeterRegistry registry, String provider, Limiter limiter) {
        Gauge.builder("sluice.pace.paused.ms", limiter, Limiter::pausedForMs).tag("provider", provider)
                .strongReference(true).register(registry);
        Gauge.builder("sluice.pace.window.used", limiter, Limiter::primaryWindowUsed).tag("provider", provider)
                .strongReference(true).register(registry);
        Gauge.builder("sluice.quota.remaining", limiter, Limiter::quotaRemaining).tag("provider", provider)
                .strongReference(true).register(registry);
    }
}
