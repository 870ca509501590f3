package io.pdfsluice.report;

import static io.pdfsluice.document.DocumentExchange.MESSAGE;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.jboss.logging.Logger;

import io.pdfsluice.outbox.Outbox;

/**
 * A queue message is a batch too: its failed documents are dead-lettered to
 * outbox/&lt;sluice.queue.outputs&gt;/failed/&lt;message&gt;.failures.jsonl, which can be published again as it is.
 * No report file for a message: its documents' events say how each ended.
 */
@ApplicationScoped
@Named("messageReport")
public class MessageReport {

    private static final Logger LOG = Logger.getLogger(MessageReport.class);

    @Inject
    Batches batches;
    @Inject
    FailedDocuments failedDocuments;
    @Inject
    Outbox outbox;

    public void open(Exchange exchange, @ExchangeProperty(MESSAGE) String message) {
        Batch batch = batches.openMessage(exchange, message);
        // however the message fails (its error handlers included), it is not acked and comes again: let this
        // attempt's dead letters go, so that no file is left open or half written (the next attempt writes its own)
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                batches.ended(batch);
            }

            @Override
            public void onFailure(Exchange failed) {
                batches.ended(batch);
                try {
                    batch.deadLetters.drop();
                } catch (IOException e) {
                    LOG.warnf("%s: could not drop its dead letters: %s", batch.file, e.getMessage());
                }
            }
        });
    }

    /** The message's dead letters are in place before it is acknowledged. */
    public void close(Exchange exchange) throws IOException {
        Batch b = Batches.of(exchange);
        b.close("ended without an outcome");
        if (b.deadLetters.publish(outbox)) {
            failedDocuments.add(b.failed.get());
        }
        if (b.ended() > 1) {
            LOG.infof("%s: %d ok, %d skipped, %d failed in %.1f s", b.file, b.ok.get(), b.skipped.get(),
                    b.failed.get(), b.elapsedSeconds());
        }
    }
}
