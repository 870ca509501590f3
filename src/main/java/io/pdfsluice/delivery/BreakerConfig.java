package io.pdfsluice.delivery;

import io.smallrye.config.ConfigMapping;

/**
 * The circuit breaker around the API call ({@code sluice.breaker.*}, set in application.properties): it opens when
 * failure-rate % of the last window calls, at least minimum-calls of them, were outages, stays open open-ms, then
 * lets half-open-calls probes through.
 */
@ConfigMapping(prefix = "sluice.breaker")
public interface BreakerConfig {

    /** How many of the last calls are counted. */
    int window();

    /** No opening before this many calls were counted. */
    int minimumCalls();

    /** The percentage of outages among the counted calls that opens the breaker. */
    float failureRate();

    /** How long the breaker stays open before it probes the API. */
    long openMs();

    /** How many probes a half-open breaker lets through. */
    int halfOpenCalls();
}
