package io.pdfsluice.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.outbox.Outbox;

/**
 * Who renders a document: whoever claims its output first. A document whose output is in the outbox, or that
 * another instance delivered (a message redelivered after a crash, a record published twice), is skipped; one that
 * another instance is working on right now is waited for, then skipped if it was delivered or taken over if it
 * failed. Alone, claims live in memory (two copies of a record in one run); with several instances, in Redis
 * (sluice.cluster.enabled), as a lease while in work and "done" for sluice.cluster.done-ttl-ms after delivery.
 */
@ApplicationScoped
@Named("claims")
public class Claims {

    private static final Logger LOG = Logger.getLogger(Claims.class);
    private static final String CLAIM = "sluiceClaim";
    private static final String DONE = "done";

    private final Map<String, String> local = new ConcurrentHashMap<>();

    @Inject
    Cluster cluster;
    @Inject
    Leases leases;
    @Inject
    Outbox outbox;
    @Inject
    ClusterConfig config;

    /**
     * The document route's filter: claims the document for this instance and returns false (work on it), or returns
     * true (skip it) when it needs no work: its output is already there, or another instance delivered it. While
     * another instance holds the claim, it waits (at most sluice.cluster.claim-wait-ms), then skips the document if
     * that instance delivered it, or claims it if that instance let go.
     */
    public boolean claimOrSkip(Exchange exchange) throws InterruptedException {
        long claimWaitMs = config.claimWaitMs();
        if (outbox.isDelivered(exchange)) {
            return true;
        }
        Document d = exchange.getMessage().getBody(Document.class);
        String owner = cluster.instance() + "/" + exchange.getExchangeId();
        String key = cluster.key("claim", d.output());
        long deadline = System.currentTimeMillis() + claimWaitMs;
        for (boolean logged = false;; Thread.sleep(200)) {
            String holder = cluster.enabled() ? leases.take(key, owner) : takeLocally(key, owner);
            if ("taken".equals(holder)) {
                exchange.setProperty(CLAIM, new String[] { key, owner });
                return false;
            }
            if (DONE.equals(holder)) {
                return true;
            }
            if (!logged) {
                LOG.debugf("%s: in work by %s, waiting", d.describe(), holder);
                logged = true;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(d.describe() + ": still in work by " + holder + " after "
                        + claimWaitMs + " ms (sluice.cluster.claim-wait-ms)");
            }
            if (outbox.isDelivered(exchange)) {
                return true;
            }
        }
    }

    /** The document's output is in place: others skip it from now on. */
    public void delivered(Exchange exchange) {
        settle(exchange, DONE);
    }

    /** The document failed (or the key was refused): its claim is let go, so that a later copy may try again. */
    public void release(Exchange exchange) {
        settle(exchange, null);
    }

    private void settle(Exchange exchange, String value) {
        String[] claim = exchange.getProperty(CLAIM, String[].class);
        if (claim == null) {
            return;
        }
        if (cluster.enabled()) {
            leases.settle(claim[0], claim[1], value, value == null ? 0 : config.doneTtlMs()); // a retry settles it again
        } else {
            local.remove(claim[0], claim[1]); // the outbox itself tells a delivered document from then on
        }
        exchange.removeProperty(CLAIM);
    }

    private String takeLocally(String key, String owner) {
        String holder = local.putIfAbsent(key, owner);
        return holder == null || holder.equals(owner) ? "taken" : holder;
    }
}
