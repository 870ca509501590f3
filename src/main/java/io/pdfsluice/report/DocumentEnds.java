package io.pdfsluice.report;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;

/**
 * The inbox split's aggregation: the file's exchange goes on as it came in (as with the split's default), and a
 * document whose failure could not even be handled (its error handler failed too) ends failed here with that
 * failure, instead of failing the whole file and leaving it, never reported, for the next poll.
 */
@Singleton
@Named("documentEnds")
public class DocumentEnds extends UseOriginalAggregationStrategy {

    @Inject
    DocumentOutcome outcome;

    public DocumentEnds() {
        super(false);
    }

    private DocumentEnds(Exchange original, DocumentOutcome outcome) {
        super(original, false);
        this.outcome = outcome;
    }

    @Override
    public UseOriginalAggregationStrategy newInstance(Exchange original) {
        return new DocumentEnds(original, outcome);
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange != null && newExchange.getException() != null) {
            outcome.escaped(newExchange);
        }
        return super.aggregate(oldExchange, newExchange);
    }
}
