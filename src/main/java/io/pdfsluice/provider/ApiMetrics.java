package io.pdfsluice.provider;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Message;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pdfsluice.limiter.ServedTime;
import io.quarkus.runtime.Startup;

/**
 * What the API's answers tell an operator on /q/metrics: answers by status (429s among them), and the render time the
 * API reports (the quota left is the limiter's: LimiterMeters).
 */
@Startup
@ApplicationScoped
public class ApiMetrics {

    private final MeterRegistry registry;
    private final Timer renderTime;

    @Inject
    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.renderTime = Timer.builder("sluice.render.time").description("X-Render-Ms reported by the API")
                .register(registry);
    }

    /** Counts a provider's answer by its status, and records the render time its X-Render-Ms reports. */
    public void answered(String provider, Message answer, int status) {
        registry.counter("sluice.requests", "provider", provider, "status", String.valueOf(status)).increment();
        if (status == 429) {
            registry.counter("sluice.rate.limited", "provider", provider).increment();
        }
        // a header is the API's claim: one that is no duration is not recorded, and fails nothing
        ServedTime.claimedMs(answer.getHeader(ServedTime.HEADER))
                .ifPresent(ms -> renderTime.record(ms, TimeUnit.MILLISECONDS));
    }
}
