package io.pdfsluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * What an operator watches of delivery on /q/metrics: retries, dead letters and the breaker's state. The API's
 * answers (by status, render time) are the provider's (ApiMetrics); the limiter's pause, window and quota are the
 * limiter's (LimiterMeters).
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final Counter retries;
    private final Counter deadLetters;

    @Inject
    public DeliveryMetrics(MeterRegistry registry, @Named("apiBreaker") CircuitBreaker breaker) {
        this.retries = registry.counter("sluice.retries");
        this.deadLetters = registry.counter("sluice.dead.letters");
        // Micrometer holds gauge targets weakly; the injected beans are proxies nothing else holds.
        Gauge.builder("sluice.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            default -> 2;
        }).description("0 closed, 1 open, 2 half-open").strongReference(true).register(registry);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
