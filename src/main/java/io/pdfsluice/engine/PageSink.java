package io.pdfsluice.engine;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where each rendered page image goes. Pages arrive in order; the renderer closes each stream once it has written
 * the page.
 */
@FunctionalInterface
public interface PageSink {

    /**
     * @param pageNumber 1-based
     * @param pageCount the number of pages in the document
     */
    OutputStream open(int pageNumber, int pageCount) throws IOException;
}
