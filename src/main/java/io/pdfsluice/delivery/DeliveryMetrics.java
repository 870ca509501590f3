package io.pdfsluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pdfsluice.limiter.Pace;
import io.pdfsluice.provider.ApiMetrics;
import io.quarkus.runtime.Startup;

/**
 * What an operator watches of delivery on /q/metrics: retries, dead letters, the breaker's state and the pause
 * imposed by the API. The API's answers (by status, render time, quota left) are the provider's: ApiMetrics.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final Counter retries;
    private final Counter deadLetters;
    private final ApiMetrics api;

    @Inject
    public DeliveryMetrics(MeterRegistry registry, @Named("apiBreaker") CircuitBreaker breaker, Pace pace,
            ApiMetrics api) {
        this.api = api;
        this.retries = registry.counter("sluice.retries");
        this.deadLetters = registry.counter("sluice.dead.letters");
        // Micrometer holds gauge targets weakly; the injected beans are proxies nothing else holds.
        Gauge.builder("sluice.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            default -> 2;
        }).description("0 closed, 1 open, 2 half-open").strongReference(true).register(registry);
        Gauge.builder("sluice.pace.paused.ms", pace, Pace::pausedForMs).strongReference(true).register(registry);
        Gauge.builder("sluice.pace.window.used", pace, Pace::primaryWindowUsed).strongReference(true)
                .register(registry);
    }

    /**
     * Pace's report of the quota left, passed on to the provider's gauge, which the provider also sets from the
     * same headers itself (ApiMetrics.reported).
     *
     * @deprecated for Pace only, until the limiter no longer calls into delivery; then this goes.
     */
    @Deprecated(forRemoval = true)
    public void quotaRemaining(long remaining) {
        api.quotaRemaining(remaining);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
