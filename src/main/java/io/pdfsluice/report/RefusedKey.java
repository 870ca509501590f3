package io.pdfsluice.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.pdfsluice.delivery.Access;
import io.pdfsluice.provider.ApiException;

/**
 * Once the API has refused the key (or a run-once job's quota is spent), no batch ends: its documents ended halted,
 * not failed, and its input stays (the file in the inbox, the message on the queue) for the run after the key is
 * fixed (or the quota renewed). Throws the refusal, which
 * the intake routes let fail the exchange unhandled.
 */
@ApplicationScoped
@Named("refusedKey")
public class RefusedKey {

    @Inject
    Access access;
    @Inject
    Batches batches;

    /** The inbox file stays where it is, unreported. */
    public void keepFile(Exchange exchange) {
        if (access.isHalted()) {
            Batch b = Batches.of(exchange);
            batches.ended(b);
            throw new ApiException.Unauthorized(401, b.file + " stays in the inbox: " + access.reason());
        }
    }

    /** The queue message is not acknowledged. */
    public void keepMessage(Exchange exchange) {
        if (access.isHalted()) {
            throw new ApiException.Unauthorized(401, Batches.of(exchange).file
                    + " is not acknowledged: " + access.reason());
        }
    }
}
