package io.pdfsluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * What an operator watches of delivery on /q/metrics: retries and dead letters. Each breaker's state is the
 * breakers' (Breakers); the API's answers (by provider and status, render time) are the provider's (ApiMetrics); each
 * limiter's pause, window and quota are the limiter's (LimiterMeters).
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final Counter retries;
    private final Counter deadLetters;

    @Inject
    public DeliveryMetrics(MeterRegistry registry) {
        this.retries = registry.counter("sluice.retries");
        this.deadLetters = registry.counter("sluice.dead.letters");
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
