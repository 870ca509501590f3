package io.pdfsluice.delivery;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * What an operator watches on /q/metrics: requests by status (429s among them), retries, dead letters, the
 * breaker's state and render time (the limiter's pause, window and quota: io.pdfsluice.limiter.LimiterMeters).
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Counter retries;
    private final Counter deadLetters;
    private final Timer renderTime;

    @Inject
    public DeliveryMetrics(MeterRegistry registry, @Named("apiBreaker") CircuitBreaker breaker) {
        this.registry = registry;
        this.retries = registry.counter("sluice.retries");
        this.deadLetters = registry.counter("sluice.dead.letters");
        this.renderTime = Timer.builder("sluice.render.time").description("X-Render-Ms reported by the API")
                .register(registry);
        // Micrometer holds gauge targets weakly; the injected beans are proxies nothing else holds.
        Gauge.builder("sluice.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            default -> 2;
        }).description("0 closed, 1 open, 2 half-open").strongReference(true).register(registry);
    }

    public void answered(int status) {
        registry.counter("sluice.requests", "status", String.valueOf(status)).increment();
        if (status == 429) {
            registry.counter("sluice.rate.limited").increment();
        }
    }

    public void renderMs(long ms) {
        renderTime.record(ms, TimeUnit.MILLISECONDS);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
