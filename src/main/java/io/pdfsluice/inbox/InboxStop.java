package io.pdfsluice.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.pdfsluice.delivery.KeyRefused;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;

/**
 * A refused key stops the inbox: its route takes no more files (those in work end refused, and stay in the inbox,
 * see routes/inbox.yaml), and a run-once ends with exit code 1.
 */
@ApplicationScoped
public class InboxStop {

    /** The id of the route in routes/inbox.yaml. */
    static final String ROUTE = "inbox";
    private static final Logger LOG = Logger.getLogger(InboxStop.class);

    @Inject
    CamelContext camel;
    @Inject
    RunOnce runOnce;

    void onKeyRefused(@Observes KeyRefused refused) {
        try {
            camel.getRouteController().stopRoute(ROUTE);
        } catch (Exception e) {
            LOG.warnf("Could not stop the %s route: %s", ROUTE, e.getMessage());
        }
        runOnce.exitIfRunOnce(1);
    }
}
