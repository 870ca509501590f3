package io.pdfsluice.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import io.vertx.core.buffer.Buffer;

/**
 * A reply body from a file. Up to {@value #IN_ONE_WRITE} bytes it is read into a Vert.x buffer on the worker
 * thread and the file deleted: platform-http ends the response with that buffer as it is, in one write. An
 * InputStream body platform-http pumps in chunks of 16 KB between a worker and the event loop, which cost a
 * conversion of text-heavy pages a tenth of its speed (docs/BENCHMARKS.md); a larger file is still streamed that
 * way, so that its size never sits on the heap. The stream is closed, and a temporary file deleted, when the
 * exchange completes; platform-http writes the whole stream before it completes the exchange.
 */
final class FileReply extends FilterInputStream {

    /** The largest reply read into memory: a document of about 40 text-heavy pages at 150 DPI. */
    static final int IN_ONE_WRITE = 16 * 1024 * 1024;
    /** The exchange property naming the file a reply came from. */
    static final String FILE = "sluiceReplyFile";

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
        send(exchange, contentType, file, deleteAfter, IN_ONE_WRITE);
    }

    /** The same, reading up to {@code inOneWrite} bytes into memory. */
    static void send(Exchange exchange, String contentType, Path file, boolean deleteAfter, long inOneWrite)
            throws IOException {
        exchange.setProperty(FILE, file);
        if (Files.size(file) <= inOneWrite) {
            Buffer body = Buffer.buffer(Files.readAllBytes(file));
            if (deleteAfter) {
                Files.deleteIfExists(file);
            }
            EngineReply.send(exchange.getMessage(), 200, contentType, body);
            return;
        }
        FileReply body = new FileReply(file, deleteAfter);
        EngineReply.send(exchange.getMessage(), 200, contentType, body);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.closeQuietly();
            }
        });
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
