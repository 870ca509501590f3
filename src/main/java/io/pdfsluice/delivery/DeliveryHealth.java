package io.pdfsluice.delivery;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * /q/health: down while the API refuses the key or a provider's breaker is open (documents wait, nothing is lost), with
 * each provider's breaker state.
 */
@Readiness
@ApplicationScoped
public class DeliveryHealth implements HealthCheck {

    @Inject
    Access access;
    @Inject
    Breakers breakers;

    @Override
    public HealthCheckResponse call() {
        boolean keyAccepted = !access.isRevoked();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("pdf-api")
                .withData("key", keyAccepted ? "accepted or not yet used" : "refused: " + access.reason());
        boolean open = false;
        Map<String, CircuitBreaker> all = breakers.all();
        for (Map.Entry<String, CircuitBreaker> b : all.entrySet()) {
            CircuitBreaker.State state = b.getValue().getState();
            open |= state == CircuitBreaker.State.OPEN;
            health.withData(all.size() == 1 ? "breaker" : "breaker " + b.getKey(), state.name());
        }
        return health.status(keyAccepted && !open).build();
    }
}
