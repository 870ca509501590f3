package io.pdfsluice.engine;

import java.io.IOException;

/**
 * The input could not be opened as a PDF: it is not one, it is damaged, it is encrypted or it has no pages.
 * The message is meant for the client.
 */
public final class UnreadablePdfException extends IOException {

    private static final long serialVersionUID = 1L;

    UnreadablePdfException(String message, Throwable cause) {
        super(message, cause);
    }
}
