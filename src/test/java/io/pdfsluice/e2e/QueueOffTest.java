package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * With the queue off (the default) nothing of RabbitMQ is built: no route, no endpoint, no component. Each of them
 * would be made at start-up (a {@code to} or a {@code toD} with no dynamic part makes its endpoint then), and loads
 * Spring AMQP and the RabbitMQ client for a feature no one uses.
 */
@QuarkusTest
class QueueOffTest {

    @Inject
    CamelContext camel;

    @Test
    void theQueueRoutesAreNotBuilt() {
        for (String route : List.of("queue", "queue-event", "status-republish")) {
            assertNull(camel.getRoute(route), route + " carries the queue's precondition");
        }
    }

    @Test
    void noRabbitMqEndpointOrComponentIsMade() {
        List<String> rabbit = camel.getEndpoints().stream().map(Endpoint::getEndpointUri)
                .filter(uri -> uri.startsWith("spring-rabbitmq")).toList();
        assertEquals(List.of(), rabbit);
        assertNull(camel.hasComponent("spring-rabbitmq"), "the component is made only for a RabbitMQ endpoint");
    }
}
