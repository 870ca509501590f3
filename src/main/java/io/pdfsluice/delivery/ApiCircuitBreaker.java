package io.pdfsluice.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.pdfsluice.provider.ApiConfig;

/**
 * The circuit breaker around the API, as a bean the route's circuitBreaker refers to, so that retries, health and
 * metrics can read its state. It wraps the HTTP call alone: the plan's waits come before it, so a wait is never timed
 * as a slow call. Only outages reach it as failures (5xx, 408, timeouts, resets): the route judges 4xx
 * and 429 after the breaker. (Camel treats an exception the breaker does not record as a success and drops it, so
 * classifying inside the breaker with recordException would lose 429s and 4xx.)
 */
@ApplicationScoped
public class ApiCircuitBreaker {

    private static final Logger LOG = Logger.getLogger(ApiCircuitBreaker.class);

    @Produces
    @ApplicationScoped
    @Named("apiBreaker")
    CircuitBreaker apiBreaker(BreakerConfig settings, ApiConfig api) {
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
        CircuitBreaker breaker = CircuitBreaker.of("api", config);
        AtomicReference<String> lastOutage = new AtomicReference<>("none recorded");
        breaker.getEventPublisher().onError(e -> lastOutage.set(String.valueOf(e.getThrowable())));
        breaker.getEventPublisher().onStateTransition(e -> {
            var to = e.getStateTransition().getToState();
            String message = "Circuit breaker " + e.getStateTransition().getFromState() + " -> " + to
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
}
