package io.pdfsluice.engine;

import java.io.IOException;

/**
 * Where each rendered page image goes. Pages arrive in order, one at a time, on the thread that asked for them.
 */
@FunctionalInterface
interface PageSink {

    /**
     * @param pageNumber 1-based
     * @param pageCount the number of pages in the document
     * @param page the encoded image, with its size and CRC-32
     */
    void write(int pageNumber, int pageCount, EncodedPage page) throws IOException;
}
