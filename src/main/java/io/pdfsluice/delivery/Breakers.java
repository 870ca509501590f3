package io.pdfsluice.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pdfsluice.provider.ApiConfig;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;

/**
 * One circuit breaker per provider, which its call route's circuitBreaker refers to ({@code breaker-<provider>},
 * bound by {@link ProviderCalls}), so that retries, health, metrics and the fallback can read its state. It wraps the
 * HTTP call alone: the plan's waits come before it, so a wait is never timed as a slow call. Only outages reach it as
 * failures (5xx, 408, timeouts, resets): the route judges 4xx and 429 after the breaker. (Camel treats an exception
 * the breaker does not record as a success and drops it, so classifying inside the breaker with recordException
 * would lose 429s and 4xx.)
 */
@ApplicationScoped
public class Breakers {

    private static final Logger LOG = Logger.getLogger(Breakers.class);

    private final Map<String, CircuitBreaker> byProvider = new LinkedHashMap<>();
    private final ApiProfiles profiles;

    @Inject
    public Breakers(ApiProfiles profiles, BreakerConfig settings, ApiConfig api, MeterRegistry registry) {
        this.profiles = profiles;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(Duration.ofMillis(settings.openMs()))
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // a slow answer is not an outage: only a call that times out (a failure anyway) may count as slow
                .slowCallDurationThreshold(Duration.ofMillis(api.api().responseTimeoutMs() + 1))
                .slowCallRateThreshold(100)
                .build();
        for (ApiProfile profile : profiles.all()) {
            CircuitBreaker breaker = breaker(profile.name(), config, profiles.all().size() > 1);
            byProvider.put(profile.name(), breaker);
            Gauge.builder("sluice.breaker.state", breaker, b -> switch (b.getState()) {
                case CLOSED -> 0;
                case OPEN, FORCED_OPEN -> 1;
                default -> 2;
            }).description("0 closed, 1 open, 2 half-open").tag("provider", profile.name()).strongReference(true)
                    .register(registry);
        }
    }

    private static CircuitBreaker breaker(String provider, CircuitBreakerConfig config, boolean several) {
        CircuitBreaker breaker = CircuitBreaker.of(provider, config);
        String of = several ? " of " + provider : "";
        AtomicReference<String> lastOutage = new AtomicReference<>("none recorded");
        breaker.getEventPublisher().onError(e -> lastOutage.set(String.valueOf(e.getThrowable())));
        breaker.getEventPublisher().onStateTransition(e -> {
            var to = e.getStateTransition().getToState();
            String message = "Circuit breaker" + of + " " + e.getStateTransition().getFromState() + " -> " + to
                    + (to == CircuitBreaker.State.OPEN
                            ? ": the API is failing (last: " + lastOutage.get() + "); documents wait, none is dead-lettered"
                            : to == CircuitBreaker.State.CLOSED ? ": the API answers again" : ": probing the API");
            if (to == CircuitBreaker.State.OPEN) {
                LOG.warn(message);
            } else {
                LOG.info(message);
            }
        });
        return breaker;
    }

    /** The breaker of the provider of that name. */
    public CircuitBreaker of(String provider) {
        CircuitBreaker breaker = byProvider.get(provider);
        if (breaker == null) {
            throw new IllegalStateException("no provider named " + provider);
        }
        return breaker;
    }

    /** The breaker of the provider this exchange's attempt went to. */
    public CircuitBreaker of(Exchange exchange) {
        return of(profiles.of(exchange).name());
    }

    /** Every provider's breaker, by provider name. */
    public Map<String, CircuitBreaker> all() {
        return Collections.unmodifiableMap(byProvider);
    }
}
