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
    Reports reports;

    public DocumentEnds() {
        super(false);
    }

    private DocumentEnds(Exchange original, Reports reports) {
        super(original, false);
        this.reports = reports;
    }

    @Override
    public UseOriginalAggregationStrategy newInstance(Exchange original) {
        return new DocumentEnds(original, reports);
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange != null && newExchange.getException() != null) {
            reports.escaped(newExchange);
        }
        return super.aggregate(oldExchange, newExchange);
    }
}
