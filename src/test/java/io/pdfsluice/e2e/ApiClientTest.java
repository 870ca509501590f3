package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.pdfsluice.provider.AnswerArrival;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The API's HTTP client as the app configures it. Every hosted API is https://, which Camel serves with its own
 * component instance: configured like http or not at all (HttpClient's own retries, a pool of 20 per host).
 */
@QuarkusTest
class ApiClientTest {

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "sluice.concurrency")
    int concurrency;

    @Test
    void httpsIsConfiguredAsHttpIs() {
        HttpComponent http = camel.getComponent("http", HttpComponent.class);
        HttpComponent https = camel.getComponent("https", HttpComponent.class);
        assertNotSame(http, https, "two instances, so two configurations");
        List<Function<HttpComponent, Object>> settings = List.of(HttpComponent::isAutomaticRetriesDisabled,
                HttpComponent::getMaxTotalConnections, HttpComponent::getConnectionsPerRoute,
                HttpComponent::getConnectTimeout, HttpComponent::getConnectionRequestTimeout,
                HttpComponent::getResponseTimeout, HttpComponent::getSoTimeout, HttpComponent::getHttpClientConfigurer);
        for (HttpComponent c : List.of(http, https)) {
            assertTrue(c.isAutomaticRetriesDisabled(), "an attempt HttpClient retried by itself passes no limiter");
            assertEquals(concurrency, c.getMaxTotalConnections(), "a window's requests may all be in flight");
            assertEquals(concurrency, c.getConnectionsPerRoute(), "one API is one route");
            assertInstanceOf(AnswerArrival.class, c.getHttpClientConfigurer(), "answers stamped when they came");
        }
        for (Function<HttpComponent, Object> setting : settings) {
            assertEquals(setting.apply(http), setting.apply(https));
        }
    }
}
