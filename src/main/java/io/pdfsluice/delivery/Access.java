package io.pdfsluice.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.pdfsluice.inbox.RunOnce;
import io.pdfsluice.provider.ApiException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * A 401/403 means every document would fail: intake stops, nothing is dead-lettered, the inputs stay where they
 * are, and /q/health says why.
 */
@ApplicationScoped
@Named("access")
public class Access {

    private static final Logger LOG = Logger.getLogger(Access.class);

    private final AtomicBoolean revoked = new AtomicBoolean();
    private volatile String reason;

    @Inject
    CamelContext camel;
    @Inject
    RunOnce runOnce;

    /** Called instead of the API once the key has been refused. */
    public void check() {
        if (revoked.get()) {
            throw new ApiException.Unauthorized(401, reason);
        }
    }

    public void revoked(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (revoked.compareAndSet(false, true)) {
            reason = t == null ? "the API refused the key" : t.getMessage();
            LOG.errorf("The API refused the key (%s): intake stopped, every input stays in the inbox or on the queue. "
                    + "Fix sluice.api.key (SLUICE_API_KEY) and restart.", reason);
            Thread stopper = new Thread(this::stopIntake, "sluice-stop-intake");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    public boolean isRevoked() {
        return revoked.get();
    }

    private void stopIntake() {
        for (String route : new String[] { "inbox", "queue" }) {
            try {
                camel.getRouteController().stopRoute(route);
            } catch (Exception e) {
                LOG.warnf("Could not stop the %s route: %s", route, e.getMessage());
            }
        }
        runOnce.exitIfRunOnce(1);
    }

    public String reason() {
        return reason;
    }
}
