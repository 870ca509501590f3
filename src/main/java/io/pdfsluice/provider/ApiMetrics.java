package io.pdfsluice.provider;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import org.apache.camel.Message;

/**
 * What the API's answers tell an operator on /q/metrics: answers by status (429s among them), the render time the
 * API reports and the quota it says is left.
 */
@Startup
@ApplicationScoped
public class ApiMetrics {

    private final MeterRegistry registry;
    private final Timer renderTime;
    private final AtomicLong quotaRemaining = new AtomicLong(-1);

    @Inject
    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.renderTime = Timer.builder("sluice.render.time").description("X-Render-Ms reported by the API")
                .register(registry);
        Gauge.builder("sluice.quota.remaining", quotaRemaining, AtomicLong::get).strongReference(true).register(registry);
    }

    /** Counts an answer by its status. */
    public void answered(int status) {
        registry.counter("sluice.requests", "status", String.valueOf(status)).increment();
        if (status == 429) {
            registry.counter("sluice.rate.limited").increment();
        }
    }

    /** Records what an answer's headers report: X-Render-Ms, and (but for a 429) the quota left. */
    public void reported(Message answer, int status) {
        Long renderMs = answer.getHeader("X-Render-Ms", Long.class);
        if (renderMs != null) {
            renderTime.record(renderMs, TimeUnit.MILLISECONDS);
        }
        if (status == 429) {
            return;
        }
        for (String header : new String[] { "X-Quota-Remaining", "X-CTF-Remaining" }) {
            String value = answer.getHeader(header, String.class);
            if (value != null) {
                try {
                    quotaRemaining(Long.parseLong(value.trim()));
                } catch (NumberFormatException unreadable) {
                    // not a count: the gauge keeps what it had
                }
            }
        }
    }

    /** Conversions the API says are left this period. */
    public void quotaRemaining(long remaining) {
        quotaRemaining.set(remaining);
    }
}
