package io.pdfsluice.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A reply body streamed from a file, so a large result never sits in memory. The stream is closed, and a temporary
 * file deleted, when the exchange completes; platform-http writes the whole body before it completes the exchange.
 */
final class FileReply extends FilterInputStream {

    private final Path file;
    private final boolean deleteOnClose;
    private boolean closed;

    private FileReply(Path file, boolean deleteOnClose) throws IOException {
        super(Files.newInputStream(file));
        this.file = file;
        this.deleteOnClose = deleteOnClose;
    }

    /** Answers 200 with the file's content; deleteAfter makes the reply own the file and remove it when done. */
    static void send(Exchange exchange, String contentType, Path file, boolean deleteAfter) throws IOException {
        FileReply body = new FileReply(file, deleteAfter);
        EngineReply.send(exchange.getMessage(), 200, contentType, body);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.closeQuietly();
            }
        });
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
        } finally {
            if (deleteOnClose) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Nothing left to do for this exchange; a leftover temporary file is all it can cost.
        }
    }
}
