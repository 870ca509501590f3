package io.pdfsluice.engine;

import java.io.IOException;

/** A failure of pdftoppm on one PDF, or files of its that fail the checks: PDFBox draws that PDF instead. */
final class PopplerException extends IOException {

    private static final long serialVersionUID = 1L;

    PopplerException(String message) {
        super(message);
    }
}
