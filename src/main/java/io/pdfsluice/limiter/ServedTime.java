package io.pdfsluice.limiter;

import java.util.OptionalLong;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * How long before its answer the server had a request, as the answer says: {@code X-Render-Ms}, the time the API
 * worked on it. A place then counts from when the server had the request rather than from its answer, which takes
 * the API's work and the answer's way back off every window. A claim of more time than the attempt took since its
 * admission is a lie (the server cannot have had it before it was sent, nor at once), and once one is told, or the
 * API has refused a request with a 429, no claim is believed again: every place counts from its answer, the latest
 * the server can have counted it. A value that is no duration ("soon", "-5") is no claim.
 */
public final class ServedTime {

    public static final String HEADER = "X-Render-Ms";
    /** When the answer's head arrived (System.nanoTime), stamped by the HTTP client; absent, the call's end. */
    public static final String ARRIVED = "X-Sluice-Answer-Arrived-Ns";
    private static final Logger LOG = Logger.getLogger(ServedTime.class);

    private final String provider;
    private volatile boolean believed = true;

    ServedTime(String provider) {
        this.provider = provider;
    }

    /** The whole milliseconds an X-Render-Ms value claims; empty when it is no duration (negative, not a number). */
    public static OptionalLong claimedMs(Object value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            double ms = Double.parseDouble(value.toString().trim());
            return ms >= 0 && ms < Long.MAX_VALUE ? OptionalLong.of((long) ms) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Milliseconds before now that the server had the attempt: since its answer arrived, plus the work that answer
     * claims when a claim is believed.
     */
    long of(Exchange attempt) {
        Long admittedAt = attempt.getProperty(Limiter.ADMITTED_AT, Long.class);
        if (admittedAt == null) {
            return 0;
        }
        long now = System.nanoTime();
        long arrived = arrivedAt(attempt, admittedAt, now);
        long since = (now - arrived) / 1_000_000;
        OptionalLong claim = claimedMs(attempt.getMessage().getHeader(HEADER));
        if (!believed || claim.isEmpty()) {
            return since;
        }
        long took = (arrived - admittedAt) / 1_000_000;
        if (claim.getAsLong() > took + 1) { // 1 ms for the server's rounding
            disbelieve(String.format("an answer claims %d ms of work for a request that took %d ms",
                    claim.getAsLong(), took));
            return since;
        }
        return since + Math.min(claim.getAsLong(), took);
    }

    /** The arrival stamp, if there is one between the admission and now (it is our own clock's); else now. */
    private static long arrivedAt(Exchange attempt, long admittedAt, long now) {
        Object stamp = attempt.getMessage().getHeader(ARRIVED);
        if (stamp != null) {
            try {
                long at = Long.parseLong(stamp.toString());
                if (at - admittedAt >= 0 && now - at >= 0) {
                    return at;
                }
            } catch (NumberFormatException e) {
                // not ours: the call's end stands
            }
        }
        return now;
    }

    /** A 429 came: what the answers say of their time is no longer believed. */
    void refused() {
        disbelieve("it refused a request (429)");
    }

    private void disbelieve(String why) {
        if (believed) {
            believed = false;
            LOG.warnf("%s: %s; its places count from their answers from now on, not from their %s", provider, why,
                    HEADER);
        }
    }
}
