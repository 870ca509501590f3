package io.pdfsluice.provider;

import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.limiter.Limiter;

/**
 * Timeouts that learn: how long a call waits for its answer, from how long this provider took to answer documents
 * of the same kind lately. A hung request used to hold its document and its place in the plan for the whole
 * sluice.api.response-timeout-ms (2 minutes); now it holds them for a high quantile of the recent answer times times
 * a factor (sluice.api.timeout.*), never less than the floor nor more than the configured timeout. The timeout is
 * rounded up to a step of a short ladder, so that the http component keeps a handful of endpoints, not one per value.
 *
 * A call that timed out on a learned timeout is tried again (the same Idempotency-Key, so the API converts it once)
 * with the whole configured timeout: a document that is slow of its own, a large PDF, loses one attempt at most.
 * Batch requests and async jobs keep the configured timeout and their own deadline.
 */
@ApplicationScoped
public class AnswerTimes {

    /** The timeout of this attempt, in ms, that the send route's toD gives the http endpoint. */
    public static final String TIMEOUT = "sluiceTimeoutMs";
    /** Set once an attempt of the document timed out on a learned timeout: its next attempts wait the whole one. */
    public static final String WAITS_LONG = "sluiceWaitsLong";
    static final long[] LADDER_MS = { 1_000, 1_500, 2_000, 3_000, 5_000, 8_000, 13_000, 20_000, 30_000, 45_000,
            60_000, 90_000, 120_000, 180_000, 300_000, 600_000 };
    private static final Logger LOG = Logger.getLogger(AnswerTimes.class);

    private final Map<String, Recent> recent = new ConcurrentHashMap<>();
    private final ApiConfig.Timeout config;
    private final long ceilingMs;

    @Inject
    public AnswerTimes(ApiConfig api) {
        this(api.api().timeout(), api.api().responseTimeoutMs());
    }

    AnswerTimes(ApiConfig.Timeout config, long ceilingMs) {
        this.config = config;
        this.ceilingMs = ceilingMs;
    }

    /** The timeout for this attempt of the exchange's document at {@code provider}. */
    public long timeoutMs(String provider, Exchange exchange) {
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        if (!config.learn() || d == null || exchange.getProperty(WAITS_LONG, false, Boolean.class)) {
            return ceilingMs;
        }
        return timeoutMs(provider + "|" + d.kind());
    }

    long timeoutMs(String key) {
        Recent times = recent.get(key);
        long learned = times == null ? -1 : times.quantileMs(config.quantile(), config.samples());
        if (learned < 0) {
            return ceilingMs;
        }
        long wanted = Math.max(config.floorMs(), (long) Math.ceil(learned * config.factor()));
        for (long step : LADDER_MS) {
            if (step >= wanted) {
                return Math.min(step, ceilingMs);
            }
        }
        return ceilingMs;
    }

    /** A 2xx answer came: its time counts for the next timeouts. */
    public void answered(String provider, Exchange exchange) {
        Long sent = exchange.getProperty(Limiter.ADMITTED_AT, Long.class);
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        if (sent == null || d == null || exchange.getProperty(ApiRequests.BATCHED, false, Boolean.class)) {
            return;
        }
        record(provider + "|" + d.kind(), (System.nanoTime() - sent) / 1_000_000);
    }

    void record(String key, long ms) {
        recent.computeIfAbsent(key, k -> new Recent()).add(ms);
    }

    /** The configured timeout: a batch request's, and any attempt's after one timed out on a learned timeout. */
    public long ceilingMs() {
        return ceilingMs;
    }

    /**
     * True when the attempt that failed with {@code failure} timed out on a learned timeout: the document is tried
     * again at once with the whole configured timeout, without using one of its attempts (the guess was ours).
     */
    public boolean timedOutOnLearned(Exchange exchange, Throwable failure) {
        long timeout = exchange.getProperty(TIMEOUT, ceilingMs, Long.class);
        if (timeout >= ceilingMs || exchange.getProperty(WAITS_LONG, false, Boolean.class)
                || ObjectHelper.getException(SocketTimeoutException.class, failure) == null) {
            return false;
        }
        exchange.setProperty(WAITS_LONG, true);
        LOG.debugf("An attempt timed out after the %d ms learned; the next waits %d ms", timeout, ceilingMs);
        return true;
    }

    /** The answer times of one provider and kind: the last 256, and their quantile, computed again every 16. */
    static final class Recent {
        private final long[] ring = new long[256];
        private int size;
        private int next;
        private int sinceSorted;
        private long quantile = -1;
        private double quantileOf;

        synchronized void add(long ms) {
            ring[next] = ms;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            sinceSorted++;
        }

        /** The quantile q of the times, or -1 while fewer than {@code samples} are known. */
        synchronized long quantileMs(double q, int samples) {
            if (size < Math.max(1, samples)) {
                return -1;
            }
            if (quantile < 0 || sinceSorted >= 16 || quantileOf != q) {
                long[] sorted = Arrays.copyOf(ring, size);
                Arrays.sort(sorted);
                quantile = sorted[Math.min(size - 1, (int) Math.ceil(q * size) - 1)];
                quantileOf = q;
                sinceSorted = 0;
            }
            return quantile;
        }
    }
}
