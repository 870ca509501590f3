package io.pdfsluice.queue;

/** A queue message that is neither a document record nor a manifest: it is retried, then dead-lettered (DLQ). */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
