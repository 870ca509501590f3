package io.pdfsluice.limiter;

import io.smallrye.config.ConfigMapping;

/**
 * The limiter's one key outside the plan ({@code sluice.retry.jitter-ms}): it sits with the retry settings an
 * operator reads together, and its default is in application.properties. The plan's own keys are in
 * {@link io.pdfsluice.plan.PlanConfig}.
 */
@ConfigMapping(prefix = "sluice.retry")
public interface LimiterConfig {

    /**
     * {@code sluice.retry.jitter-ms}: added at random, up to this, to every pause a 429's Retry-After or a spent
     * window imposes, so that paused senders do not all come back in the same millisecond.
     */
    long jitterMs();
}
