package io.pdfsluice.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.provider.ApiException;

/**
 * A 401/403 means every document would fail: intake stops, nothing is dead-lettered, the inputs stay where they
 * are, and /q/health says why. Access only tells that the key was refused ({@link KeyRefused}): the routes of the
 * intake group stop ({@link IntakeStop}) and a run-once exits 1.
 */
@ApplicationScoped
@Named("access")
public class Access {

    private static final Logger LOG = Logger.getLogger(Access.class);

    private final AtomicBoolean revoked = new AtomicBoolean();
    private volatile String reason;

    @Inject
    Event<KeyRefused> keyRefused;

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
            // not on this document's thread: an intake that stops its route waits for the documents in flight
            String refused = reason;
            Thread stopper = new Thread(() -> keyRefused.fire(new KeyRefused(refused)), "sluice-stop-intake");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    public boolean isRevoked() {
        return revoked.get();
    }

    public String reason() {
        return reason;
    }
}
