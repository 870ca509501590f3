package io.pdfsluice.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.limiter.QuotaSpentException;
import io.pdfsluice.provider.ApiException;

/**
 * A 401/403 means every document would fail: intake stops, nothing is dead-lettered, the inputs stay where they
 * are, and /q/health says why. Access only tells that intake is halted ({@link IntakeHalted}): the routes of the
 * intake group stop ({@link IntakeStop}) and a run-once exits 1 (a refused key) or 75 (a spent quota).
 */
@ApplicationScoped
@Named("access")
public class Access {

    private static final Logger LOG = Logger.getLogger(Access.class);

    private final AtomicBoolean revoked = new AtomicBoolean();
    private final AtomicBoolean halted = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong haltedDocuments = new java.util.concurrent.atomic.AtomicLong();
    private volatile String reason;

    @Inject
    Event<IntakeHalted> intakeHalted;

    /** Called instead of the API once the key has been refused, or a run-once job's quota is spent. */
    public void check() {
        if (revoked.get()) {
            throw new ApiException.Unauthorized(401, reason);
        }
        if (halted.get()) {
            throw new QuotaSpentException(reason);
        }
    }

    /**
     * A run-once job without a fallback met a spent quota: intake stops, nothing is dead-lettered, the inputs stay
     * where they are for the next run, and the job exits 75.
     */
    public void quotaSpent(Exchange exchange) {
        haltedDocuments.incrementAndGet();
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!revoked.get() && halted.compareAndSet(false, true)) {
            reason = t == null ? "the plan's quota is spent" : t.getMessage();
            halt(new IntakeHalted(reason, IntakeHalted.QUOTA_SPENT));
        }
    }

    public void revoked(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (revoked.compareAndSet(false, true)) {
            reason = t == null ? "the API refused the key" : t.getMessage();
            LOG.errorf("The API refused the key (%s): intake stopped, every input stays in the inbox or on the queue. "
                    + "Fix sluice.api.key (SLUICE_API_KEY) and restart.", reason);
            halt(new IntakeHalted(reason, 1));
        }
    }

    /** Not on this document's thread: an intake that stops its route waits for the documents in flight. */
    private void halt(IntakeHalted event) {
        halted.set(true);
        Thread stopper = new Thread(() -> intakeHalted.fire(event), "sluice-stop-intake");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** The documents a spent quota halted (they stay in their files for the next run). */
    public long haltedDocuments() {
        return haltedDocuments.get();
    }

    /** True once intake has stopped: the key refused, or a run-once job's quota spent. */
    public boolean isHalted() {
        return halted.get();
    }

    public boolean isRevoked() {
        return revoked.get();
    }

    public String reason() {
        return reason;
    }
}
