package io.pdfsluice.delivery;

import io.smallrye.config.ConfigMapping;

/**
 * How a failed attempt is retried ({@code sluice.retry.*}, set in application.properties). A 408, 5xx, timeout or
 * reset uses one attempt and waits base-ms * multiplier^(n-1), at most max-delay-ms, spread by +-jitter; a 429, an
 * open breaker or a failing shared Redis waits without using one, all waits together at most max-wait-ms.
 */
@ConfigMapping(prefix = "sluice.retry")
public interface RetryConfig {

    /** Attempts per document for 408, 5xx, timeouts and resets (the first one included). */
    int attempts();

    /** The first retry's delay. */
    long baseMs();

    /** Each next retry's delay is this many times the last. */
    double multiplier();

    /** No retry waits longer than this. */
    long maxDelayMs();

    /** Each delay is spread by up to this fraction either way, so that parallel retries do not arrive together. */
    double jitter();

    /** The longest a document waits in total for 429s and outages before it is dead-lettered. */
    long maxWaitMs();
}
