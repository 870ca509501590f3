package io.pdfsluice.delivery;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.jboss.logging.Logger;

/**
 * A refused key stops every route of the group {@value #GROUP} (the inbox and the queue say so in their YAML): no
 * more input is taken, and what is in work stays where it is (the file in the inbox, the message on the queue).
 * It observes first, so that a run-once exits only once intake has stopped.
 */
@ApplicationScoped
public class IntakeStop {

    /** The route group the intake routes declare in routes/*.yaml. */
    public static final String GROUP = "intake";
    private static final Logger LOG = Logger.getLogger(IntakeStop.class);

    @Inject
    CamelContext camel;

    void onHalted(@Observes @Priority(1) IntakeHalted halted) {
        for (Route route : camel.getRoutes()) {
            if (GROUP.equals(route.getGroup())) {
                try {
                    camel.getRouteController().stopRoute(route.getRouteId());
                } catch (Exception e) {
                    LOG.warnf("Could not stop the %s route: %s", route.getRouteId(), e.getMessage());
                }
            }
        }
    }
}
