package io.pdfsluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** /q/health: down while the API refuses the key or the breaker is open (documents wait, nothing is lost). */
@Readiness
@ApplicationScoped
public class DeliveryHealth implements HealthCheck {

    @Inject
    Access access;
    @Inject
    @Named("apiBreaker")
    CircuitBreaker breaker;

    @Override
    public HealthCheckResponse call() {
        boolean keyAccepted = !access.isRevoked();
        CircuitBreaker.State state = breaker.getState();
        return HealthCheckResponse.named("pdf-api")
                .status(keyAccepted && state != CircuitBreaker.State.OPEN)
                .withData("key", keyAccepted ? "accepted or not yet used" : "refused: " + access.reason())
                .withData("breaker", state.name())
                .build();
    }
}
