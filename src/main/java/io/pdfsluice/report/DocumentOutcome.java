package io.pdfsluice.report;

import static io.pdfsluice.document.DocumentExchange.*;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.delivery.DeliveryMetrics;
import io.pdfsluice.delivery.Retries;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.provider.ApiException;
import io.pdfsluice.provider.ApiProfiles;

/**
 * How a document ended, on its exchange: skipped (its output was there), failed (and why), else delivered; and
 * its end counted once in its batch (routes/document-end.yaml).
 */
@ApplicationScoped
@Named("documentOutcome")
public class DocumentOutcome {

    private static final Logger LOG = Logger.getLogger(DocumentOutcome.class);

    @Inject
    DeliveryMetrics metrics;

    /** The document's output is already in the outbox, or another instance delivered it. */
    public void skipped(Exchange exchange) {
        exchange.setProperty(SKIPPED, true);
        LOG.debugf("%s: already in the outbox, skipped", DocumentExchange.document(exchange).describe());
    }

    /** The onException end of a document: why it failed, for its dead letter, its event and the log. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reasonOf(t);
        Document d = DocumentExchange.document(exchange);
        if (d != null && exchange.getProperty(DOCUMENT) == null) {
            exchange.setProperty(DOCUMENT, d); // it failed before its route had taken it up
        }
        if (d != null && !reason.contains(d.source())) {
            reason = d.describe() + ": " + reason; // every reason names its file and record
        }
        exchange.setProperty(FAILURE, reason);
        exchange.setProperty(FAILURE_STATUS, t instanceof ApiException api ? Integer.valueOf(api.status()) : null);
        exchange.setProperty(FAILURE_ATTEMPTS, Retries.attemptsOf(exchange));
        metrics.deadLettered();
        LOG.errorf("Failed: %s", reason);
    }

    /** Counts the document's end in its batch, once: failed, skipped or delivered, as the exchange says. */
    public void countOnce(Exchange exchange) {
        Batch.Outcome outcome = DocumentExchange.failure(exchange) != null ? Batch.Outcome.FAILED
                : DocumentExchange.skipped(exchange) ? Batch.Outcome.SKIPPED : Batch.Outcome.DELIVERED;
        Batch.Outcome previous = exchange.getProperty(ENDED, Batch.Outcome.class);
        Document d = DocumentExchange.document(exchange);
        Batch b = Batches.of(exchange);
        if (!b.end(d, previous, outcome, exchange.getProperty(ApiProfiles.PROVIDER, String.class),
                DocumentExchange.failure(exchange),
                exchange.getProperty(FAILURE_STATUS, Integer.class), Retries.attemptsOf(exchange))
                && b.isClosed()) {
            LOG.warnf("%s ended (%s) after %s had been closed: not counted", d.describe(), outcome, b.file);
        }
        exchange.setProperty(ENDED, outcome);
    }

    /** A document whose own failure handling failed: it ends failed with what escaped, unless it already has. */
    void escaped(Exchange exchange) {
        Exception escaped = exchange.getException();
        exchange.setException(null);
        if (Batches.of(exchange) == null) {
            return;
        }
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, escaped);
        endFailed(exchange);
    }

    /** Ends the exchange's document failed with the exception caught, unless it has ended failed already. */
    void endFailed(Exchange exchange) {
        if (exchange.getProperty(ENDED) != Batch.Outcome.FAILED) {
            failed(exchange);
            countOnce(exchange);
        }
    }

    static String reasonOf(Throwable t) {
        return t == null ? "unknown failure" : t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
