package io.pdfsluice.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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
    /** How long the inbox's listing serves the files taken after it: about one poll. */
    private static final long LISTING_MS = 1_000;

    /**
     * A file that clashed with one still in the inbox names it here, as it was then (size, modified), so that one
     * fails too when it is taken: the same file, not a later one of that name.
     */
    private final Map<String, Partner> clashedWith = new ConcurrentHashMap<>();
    private Map<String, List<String>> namesByStem = Map.of();
    private long listedAt = Long.MIN_VALUE;

    private record Partner(String name, long size, long modified) {
    }

    @Inject
    Batches batches;
    @Inject
    FailedDocuments failedDocuments;

    /** Whether the inbox file in the exchange clashes with another: then it is reported, and the route files it. */
    public synchronized boolean clashes(Exchange exchange) throws IOException {
        File file = exchange.getMessage().getBody(File.class);
        String name = file.getName();
        String stem = Document.stemOf(name);
        Partner partner = clashedWith.remove(name);
        String other = partner != null && partner.size() == file.length() && partner.modified() == file.lastModified()
                ? partner.name()
                : null;
        if (other == null) {
            other = batches.inProgressWithStem(stem, name);
        }
        if (other == null) {
            other = listing(file.toPath().toAbsolutePath().getParent(), name).getOrDefault(stem, List.of()).stream()
                    .filter(n -> !n.equals(name)).findFirst().orElse(null);
            File found = other == null ? null : new File(file.getParentFile(), other);
            if (found != null && found.isFile()) {
                clashedWith.put(other, new Partner(name, found.length(), found.lastModified()));
            } else {
                other = null; // gone since the listing
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

    /**
     * The inbox's files (not hidden) by the name before their extension: listed again once the listing is a poll
     * old, or does not hold the file being taken (it came after), so that a drop of many files is listed about once.
     */
    private Map<String, List<String>> listing(Path folder, String taken) throws IOException {
        long now = System.currentTimeMillis();
        if (now - listedAt > LISTING_MS
                || !namesByStem.getOrDefault(Document.stemOf(taken), List.of()).contains(taken)) {
            try (var files = Files.list(folder)) {
                namesByStem = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).sorted()
                        .collect(Collectors.groupingBy(Document::stemOf));
            }
            listedAt = now;
        }
        return namesByStem;
    }
}
