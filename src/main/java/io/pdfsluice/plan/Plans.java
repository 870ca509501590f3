package io.pdfsluice.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/** The one producer of the {@link Plan}: every bean that paces requests gets the same plan, read once. */
@ApplicationScoped
public class Plans {

    private static final Logger LOG = Logger.getLogger(Plans.class);

    @Produces
    @Singleton
    Plan plan(PlanConfig config) {
        Plan plan = Plan.of(config.name(), config.limits().orElse(null));
        LOG.infof("Plan %s", plan);
        return plan;
    }
}
