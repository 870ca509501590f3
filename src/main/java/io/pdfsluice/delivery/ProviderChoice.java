package io.pdfsluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;

/**
 * Which provider an attempt goes to: the document's by its kind, or with sluice.fallback=local the embedded engine
 * while that provider's breaker is open or its quota is spent. Every attempt chooses again, so a document goes back
 * to its provider as soon as it answers; the report and the event name the provider that delivered it.
 */
@ApplicationScoped
@Named("providerChoice")
public class ProviderChoice {

    private static final Logger LOG = Logger.getLogger(ProviderChoice.class);
    /** True on an attempt that went to the fallback instead of the document's own provider. */
    static final String FELL_BACK = "sluiceFellBack";
    /** True once the fallback refused the document (it cannot render it): it waits for its own provider. */
    static final String NOT_FOR_FALLBACK = "sluiceNotForFallback";

    @Inject
    ApiProfiles profiles;
    @Inject
    Breakers breakers;

    public void choose(Exchange exchange) {
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        ApiProfile chosen = profiles.forKind(d.kind());
        exchange.removeProperty(FELL_BACK);
        if (profiles.fallback().isPresent() && !chosen.isLocal()
                && !exchange.getProperty(NOT_FOR_FALLBACK, false, Boolean.class)) {
            String why = unavailable(chosen, exchange);
            if (why != null) {
                LOG.debugf("Document %s goes to the embedded engine: %s %s", d.id(), chosen.name(), why);
                chosen = profiles.fallback().get();
                exchange.setProperty(FELL_BACK, true);
            }
        }
        exchange.setProperty(ApiProfiles.PROVIDER, chosen.name());
    }

    /** True without a fallback: a spent quota halts a run-once job (routes/delivery.yaml) instead of being sidestepped. */
    public boolean haltsOnSpentQuota(Exchange exchange) {
        return profiles.fallback().isEmpty();
    }

    /**
     * Why the provider cannot take the document now, or null when it can. While its breaker is half-open, fresh
     * documents are its probes, and one whose last attempt there failed with the outage goes to the fallback: else
     * the same document would be the failing probe of every half-open spell.
     */
    private String unavailable(ApiProfile profile, Exchange exchange) {
        CircuitBreaker.State state = breakers.of(profile.name()).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            return "is failing (its breaker is open)";
        }
        if (state != CircuitBreaker.State.CLOSED
                && profile.name().equals(exchange.getProperty(Retries.OUTAGE_OF, String.class))) {
            return "failed this document's last attempt (its breaker is half-open)";
        }
        return profile.limiter().quotaSpent() ? "has no quota left" : null;
    }
}
