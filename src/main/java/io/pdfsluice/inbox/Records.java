package io.pdfsluice.inbox;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.pdfsluice.document.Document;

/**
 * A lazy, closeable iterator over a manifest's documents; the splitter closes it when done. A record whose id an
 * earlier record of the file gave fails (its output would overwrite the first's).
 */
abstract class Records implements Iterator<Document>, Closeable {

    protected final Manifest manifest;
    protected final InboxText text;
    protected final String source;
    protected final String stem;
    private final RecordIds ids = new RecordIds();
    private Document next;
    private boolean finished;

    Records(Manifest manifest, InboxText text, String source, String stem) {
        this.manifest = manifest;
        this.text = text;
        this.source = source;
        this.stem = stem;
    }

    /** The next document, or null at the end. A record that cannot be read is returned as an invalid document. */
    protected abstract Document read() throws IOException;

    @Override
    public synchronized boolean hasNext() {
        if (next == null && !finished) {
            try {
                next = read();
            } catch (IOException | RuntimeException e) {
                next = Document.invalid(source, stem, null, null, null, source + ": unreadable: " + e.getMessage());
                finished = true;
            }
            if (next == null) {
                finished = true;
                closeQuietly();
            } else {
                next = ids.once(next, source);
            }
        }
        return next != null;
    }

    @Override
    public synchronized Document next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Document d = next;
        next = null;
        return d;
    }

    /** Stops reading after the current document: used when the rest of the file cannot be parsed. */
    protected void finish() {
        finished = true;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        text.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // nothing left to read either way
        }
    }
}
