package io.pdfsluice.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.report.Batches;
import io.pdfsluice.report.FailedDocuments;

/**
 * Two inbox files of one name before the extension ({@code x.jsonl} and {@code x.csv}, {@code y.md} and
 * {@code y.html}, {@code x.jsonl} and {@code x.failures.jsonl}) would write the same outputs ({@code outbox/x/…},
 * {@code x.pdf}), report and dead letters, each over the other's. Neither is read: each is filed under .failed/
 * untouched, with the reason in the log, and a run-once exits 1. Only a file already in progress when the other
 * arrives goes on. Files in the inbox at the same time both fail, whichever is taken first.
 */
@ApplicationScoped
@Named("nameClash")
public class NameClash {

    private static final Logger LOG = Logger.getLogger(NameClash.class);

    /** A file that clashed with one still in the inbox names it here, so that one fails too when it is taken. */
    private final Map<String, String> clashedWith = new ConcurrentHashMap<>();

    @Inject
    Batches batches;
    @Inject
    FailedDocuments failedDocuments;

    /** Whether the inbox file in the exchange clashes with another: then it is reported, and the route files it. */
    public synchronized boolean clashes(Exchange exchange) throws IOException {
        File file = exchange.getMessage().getBody(File.class);
        String name = file.getName();
        String stem = Document.stemOf(name);
        String other = clashedWith.remove(name);
        if (other == null) {
            other = batches.inProgressWithStem(stem, name);
        }
        if (other == null) {
            try (var files = Files.list(file.toPath().toAbsolutePath().getParent())) {
                other = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".") && !n.equals(name) && Document.stemOf(n).equals(stem))
                        .sorted().findFirst().orElse(null);
            }
            if (other != null) {
                clashedWith.put(other, name);
            }
        }
        if (other == null) {
            return false;
        }
        LOG.errorf("%s: not read: %s has the same name before its extension, and their outputs (%s), report and dead "
                + "letters would overwrite each other. It is filed under .failed/ untouched: rename it and drop it into "
                + "the inbox again", name, other, stem);
        failedDocuments.fileNotTaken();
        return true;
    }
}
