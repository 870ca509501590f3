package io.pdfsluice.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.jboss.logging.Logger;

/**
 * A reply body mapped from a file, so a large result never sits on the heap. platform-http writes a mapped buffer
 * to the connection in one go; an InputStream body it would pump in small chunks between a worker and the event
 * loop, which cost a conversion of text-heavy pages 10-15 % of its speed (docs/BENCHMARKS.md). A temporary file is
 * deleted when the exchange completes; platform-http writes the whole body before it completes the exchange, and a
 * mapping outlives the file's name.
 */
final class FileReply {

    private static final Logger LOG = Logger.getLogger(FileReply.class);
    /** The exchange property naming the file a reply was mapped from. */
    static final String FILE = "sluiceReplyFile";

    private FileReply() {
    }

    /** Answers 200 with the file's content; deleteAfter makes the reply own the file and remove it when done. */
    static void send(Exchange exchange, String contentType, Path file, boolean deleteAfter) throws IOException {
        Closeable stream = null;
        Object body;
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size <= Integer.MAX_VALUE) {
                body = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            } else {
                // past what one buffer maps (2 GiB): streamed
                InputStream in = Files.newInputStream(file);
                body = in;
                stream = in;
            }
        }
        EngineReply.send(exchange.getMessage(), 200, contentType, body);
        exchange.setProperty(FILE, file);
        Closeable opened = stream;
        if (deleteAfter || opened != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    try {
                        if (opened != null) {
                            opened.close();
                        }
                        if (deleteAfter) {
                            Files.deleteIfExists(file);
                        }
                    } catch (IOException e) {
                        LOG.debugf("could not close or delete the reply file %s: %s", file, e.getMessage());
                    }
                }
            });
        }
    }
}
