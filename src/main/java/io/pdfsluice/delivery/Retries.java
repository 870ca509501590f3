package io.pdfsluice.delivery;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.limiter.PausedTooLongException;
import io.pdfsluice.limiter.QuotaSpentException;
import io.pdfsluice.limiter.SharedStateException;
import io.pdfsluice.provider.AnswerTimes;
import io.pdfsluice.provider.ApiException;
import io.pdfsluice.provider.ApiProfiles;

/**
 * The onException retryWhile: decides whether a failed attempt is tried again, and when. Only real failures of the
 * document (408, 5xx, timeouts, resets while the API is otherwise up) use up its attempts; a 429, an open breaker or
 * a Redis that several instances share and that fails makes it wait instead: an open breaker and a failing Redis
 * for at most sluice.retry.max-wait-ms in all, a 429 (a window or the quota spent) for as long as the API says in
 * service mode (in a run-once job a window's 429 gives up after sluice.retry.max-wait-ms, so that the job ends, and a
 * spent quota halts the job with exit code 75 before it gets here: routes/delivery.yaml).
 */
@ApplicationScoped
@Named("retries")
public class Retries {

    static final String ATTEMPTS = "sluiceAttempts";
    static final String WAITED = "sluiceWaitedMs";
    /** The provider whose outage (or open breaker) failed the document's last attempt, for the fallback. */
    static final String OUTAGE_OF = "sluiceOutageOf";

    @Inject
    RetryConfig retry;
    @Inject
    BreakerConfig breakerConfig;

    @Inject
    Breakers breakers;
    @ConfigProperty(name = "sluice.run-once")
    boolean runOnce;
    @Inject
    DeliveryMetrics metrics;
    @Inject
    AnswerTimes answerTimes;

    public boolean again(Exchange exchange) {
        boolean again = decide(exchange);
        if (again) {
            metrics.retried();
        }
        return again;
    }

    private boolean decide(Exchange exchange) {
        Throwable failure = DocumentExchange.caught(exchange);
        ApiException.RateLimited limited = find(failure, ApiException.RateLimited.class);
        if (limited != null && !runOnce) {
            // The limiter already holds every sender until Retry-After has passed (or the quota's pause); this one
            // queues up behind it. In service mode a wait the API asks for, for a window or the quota, never
            // dead-letters a document, however long: sluice.retry.max-wait-ms bounds the waits for outages only.
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            return true;
        }
        if (limited != null) {
            // a run-once job still gives up after sluice.retry.max-wait-ms, so that it ends
            return waitMore(exchange, limited.retryAfterMs(), 0);
        }
        PausedTooLongException paused = find(failure, PausedTooLongException.class);
        if (paused != null) {
            return waitMore(exchange, paused.pausedMs(), 0); // a run-once's request found a longer pause than it waits
        }
        exchange.removeProperty(OUTAGE_OF);
        if (find(failure, CallNotPermittedException.class) != null || isTransient(failure)) {
            exchange.setProperty(OUTAGE_OF, exchange.getProperty(ApiProfiles.PROVIDER));
        }
        if (find(failure, CallNotPermittedException.class) != null) {
            return waitMore(exchange, breakerConfig.openMs(), Math.min(breakerConfig.openMs(), 1_000));
        }
        if (find(failure, QuotaSpentException.class) != null) {
            return waitMore(exchange, 0, 0); // at once, to the fallback
        }
        if (find(failure, SharedStateException.class) != null) {
            return waitMore(exchange, 1_000, 1_000); // Redis is down or busy: not the document's fault
        }
        if (exchange.getProperty(ProviderChoice.FELL_BACK, false, Boolean.class)
                && find(failure, ApiException.Rejected.class) != null) {
            // the fallback cannot render it (a render limit): it waits for its own provider instead, as without one
            exchange.setProperty(ProviderChoice.NOT_FOR_FALLBACK, true);
            return waitMore(exchange, breakerConfig.openMs(), Math.min(breakerConfig.openMs(), 1_000));
        }
        if (!isTransient(failure)) {
            return false;
        }
        if (breakers.of(exchange).getState() != CircuitBreaker.State.CLOSED) {
            return waitMore(exchange, breakerConfig.openMs(), Math.min(breakerConfig.openMs(), 1_000)); // an outage, not this document's fault
        }
        if (answerTimes.timedOutOnLearned(exchange, failure)) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            return true; // once more, with the whole timeout, on the same Idempotency-Key
        }
        int used = exchange.getProperty(ATTEMPTS, 1, Integer.class);
        if (used >= retry.attempts()) {
            return false;
        }
        exchange.setProperty(ATTEMPTS, used + 1);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, backoffMs(used));
        return true;
    }

    /** Attempts a document has used, for its dead letter. */
    public static int attemptsOf(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS, 1, Integer.class);
    }

    /** base * multiplier^(n-1), capped, spread by +-jitter so that parallel retries do not arrive together. */
    long backoffMs(int failures) {
        double delay = Math.min(retry.maxDelayMs(), retry.baseMs() * Math.pow(retry.multiplier(), failures - 1));
        double spread = 1 + retry.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(0, Math.round(delay * spread));
    }

    private boolean waitMore(Exchange exchange, long expectedWaitMs, long delayMs) {
        long waited = exchange.getProperty(WAITED, 0L, Long.class) + Math.max(expectedWaitMs, delayMs);
        exchange.setProperty(WAITED, waited);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delayMs);
        return waited <= retry.maxWaitMs();
    }

    private static boolean isTransient(Throwable t) {
        return find(t, ApiException.Unavailable.class) != null
                || (find(t, ApiException.class) == null && find(t, IOException.class) != null);
    }

    /** The failure or one of its causes of that type (Camel walks the chain, guarding against loops). */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        return ObjectHelper.getException(type, t);
    }
}
