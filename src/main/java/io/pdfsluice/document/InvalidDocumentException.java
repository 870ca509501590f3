package io.pdfsluice.document;

/** A document that cannot be converted as it is: it is reported and dead-lettered, never retried. */
public class InvalidDocumentException extends RuntimeException {

    public InvalidDocumentException(String message) {
        super(message);
    }
}
