package io.pdfsluice.limiter;

import io.smallrye.config.ConfigMapping;

/**
 * How the pauses the API asks for are spread ({@code sluice.retry.jitter-ms}, read with the retry settings in
 * application.properties; the rest of {@code sluice.retry.*} is the delivery's RetryConfig).
 */
@ConfigMapping(prefix = "sluice.retry")
public interface PauseConfig {

    /** Added to a 429's Retry-After, at random up to this, so that paused senders do not return together. */
    long jitterMs();
}
