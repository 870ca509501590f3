package io.pdfsluice.outbox;

/** A response whose pages cannot be written safely (a hostile or broken archive): the document fails, unretried. */
public class PageSetException extends RuntimeException {

    public PageSetException(String message) {
        super(message);
    }
}
