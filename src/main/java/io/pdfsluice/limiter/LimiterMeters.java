package io.pdfsluice.limiter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** What an operator watches of the limiter on /q/metrics: the pause in force, the primary window used, the quota. */
@Startup
@ApplicationScoped
public class LimiterMeters {

    @Inject
    public LimiterMeters(MeterRegistry registry, Limiter limiter) {
        // Micrometer holds gauge targets weakly; the injected bean is a proxy nothing else holds.
        Gauge.builder("sluice.pace.paused.ms", limiter, Limiter::pausedForMs).strongReference(true).register(registry);
        Gauge.builder("sluice.pace.window.used", limiter, Limiter::primaryWindowUsed).strongReference(true)
                .register(registry);
        Gauge.builder("sluice.quota.remaining", limiter, Limiter::quotaRemaining).strongReference(true)
                .register(registry);
    }
}
