package io.pdfsluice.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.jboss.logging.Logger;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Declares the events topic exchange (durable) whenever the queue route starts, so that a subscriber can bind to
 * it before the first document ends; the route's consumer declares the documents queue, its exchange, DLX and DLQ
 * itself. A route that never starts (sluice.queue.enabled=false) never connects.
 */
@ApplicationScoped
@Named("eventsExchange")
public class EventsExchange extends RoutePolicySupport {

    private static final Logger LOG = Logger.getLogger(EventsExchange.class);

    @Inject
    @Named("rabbitConnectionFactory")
    CachingConnectionFactory connectionFactory;
    @Inject
    QueueConfig config;

    @Override
    public void onStart(Route route) {
        String name = config.queue().events();
        try {
            new RabbitAdmin(connectionFactory).declareExchange(new TopicExchange(name, true, false));
        } catch (RuntimeException e) {
            // a broker that is not up yet must not stop the app: the consumer retries its connection, and the first
            // event declares the exchange too (autoDeclareProducer)
            LOG.warnf("Could not declare the events exchange %s yet: %s", name, e.getMessage());
        }
    }
}
