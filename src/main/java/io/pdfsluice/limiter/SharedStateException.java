package io.pdfsluice.limiter;

/**
 * Redis, which several instances share, did not answer as it should (down, too busy, a script error). A document
 * meeting it waits and tries again, like during an API outage (see io.pdfsluice.delivery.Retries); it is never
 * dead-lettered for it, since the document is not at fault.
 */
public class SharedStateException extends RuntimeException {

    public SharedStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
