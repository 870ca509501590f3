package io.pdfsluice.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.pdfsluice.delivery.KeyRefused;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;

/**
 * A refused key stops the queue route: no more messages are consumed, and those in work go back to the queue
 * unacknowledged (queueRetry), for the run after the key is fixed.
 */
@ApplicationScoped
public class QueueStop {

    /** The id of the route in routes/queue.yaml. */
    static final String ROUTE = "queue";
    private static final Logger LOG = Logger.getLogger(QueueStop.class);

    @Inject
    CamelContext camel;

    void onKeyRefused(@Observes KeyRefused refused) {
        try {
            camel.getRouteController().stopRoute(ROUTE);
        } catch (Exception e) {
            LOG.warnf("Could not stop the %s route: %s", ROUTE, e.getMessage());
        }
    }
}
