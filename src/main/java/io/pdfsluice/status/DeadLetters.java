package io.pdfsluice.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.inbox.InboxConfig;
import io.pdfsluice.outbox.Outbox;
import io.pdfsluice.report.ReportConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The dead letters of recent batches, newest first: an inbox file's (outbox/&lt;stem&gt;.failures.jsonl) and a queue
 * message's (outbox/&lt;queue outputs&gt;/failed/&lt;message&gt;.failures.jsonl). A re-run sends only their documents
 * again, to where the originals' would have gone: an inbox file's letters move into the inbox under their own name,
 * a message's are published to the documents queue as a new message (routes/status.yaml), then removed. They leave
 * the list then, and come back if some of them fail again.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.failures\\.jsonl");
    static final int LISTED = 20;

    /** One batch's dead letters: its file, where its batch came from (inbox or queue), how many documents. */
    @RegisterForReflection
    public record Letters(String file, String source, String batch, long documents, long modified) {
    }

    /** Why a re-run was not done, with the HTTP status that says so. */
    public static class RerunRefused extends Exception {
        final int status;

        RerunRefused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Inject
    Outbox outbox;
    @Inject
    InboxConfig inbox;
    @Inject
    ReportConfig report;
    @Inject
    ProducerTemplate producer;
    @ConfigProperty(name = "sluice.queue.enabled")
    boolean queueEnabled;

    private record Counted(long size, long modified, long lines) {
    }

    private final Map<String, Counted> counted = new ConcurrentHashMap<>();

    /** The newest {@value #LISTED} batches' dead letters. */
    public List<Letters> recent() {
        List<Letters> all = new ArrayList<>();
        list(outbox.root(), "inbox", all);
        list(queueFolder(), "queue", all);
        all.sort(Comparator.comparingLong(Letters::modified).reversed());
        return all.size() > LISTED ? all.subList(0, LISTED) : all;
    }

    private Path queueFolder() {
        return outbox.resolve(report.queueOutputs() + "/failed");
    }

    private void list(Path folder, String source, List<Letters> into) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .forEach(f -> letters(f, source).ifPresent(into::add));
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Cannot list the dead letters in %s: %s", folder, e.getMessage());
        }
    }

    private Optional<Letters> letters(Path file, String source) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            String name = file.getFileName().toString();
            long modified = a.lastModifiedTime().toMillis();
            Counted c = counted.get(file.toString());
            if (c == null || c.size() != a.size() || c.modified() != modified) {
                c = new Counted(a.size(), modified, lines(file));
                counted.put(file.toString(), c);
            }
            return Optional.of(new Letters(name, source, Document.stemOf(name), c.lines(), modified));
        } catch (IOException e) {
            return Optional.empty(); // moved or re-run meanwhile
        }
    }

    private static long lines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** Re-runs the dead letters {@code file} (a name the list shows) of a batch from {@code source}. */
    public String rerun(String file, String source) throws RerunRefused, IOException {
        if (file == null || !NAME.matcher(file).matches()) {
            throw new RerunRefused(400, "not the name of a batch's dead letters: " + file);
        }
        boolean queue = "queue".equals(source);
        if (!queue && source != null && !"inbox".equals(source)) {
            throw new RerunRefused(400, "a batch comes from the inbox or the queue, not " + source);
        }
        Path letters = (queue ? queueFolder() : outbox.root()).resolve(file);
        if (!Files.isRegularFile(letters)) {
            throw new RerunRefused(404, file + " is not in the outbox (re-run already?)");
        }
        return queue ? republish(file, letters) : moveIntoInbox(file, letters);
    }

    /**
     * Moves an inbox file's dead letters into the inbox under the same name: copied to a hidden part file there
     * first, which the inbox does not pick up, then renamed, then removed from the outbox.
     */
    private String moveIntoInbox(String file, Path letters) throws RerunRefused, IOException {
        Path folder = Path.of(inbox.folder());
        Path target = folder.resolve(file);
        if (Files.exists(target)) {
            throw new RerunRefused(409, file + " is in the inbox already and waits for its turn");
        }
        Files.createDirectories(folder);
        Path part = folder.resolve("." + file + ".rerun.part");
        Files.copy(letters, part, StandardCopyOption.REPLACE_EXISTING);
        long documents = lines(part);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(letters);
        LOG.infof("Re-run from the status page: %s (%d document(s)) moved into the inbox", file, documents);
        return file + ": " + documents + " document(s) moved into the inbox to be sent again";
    }

    /** Publishes a queue message's dead letters as a new message (confirmed by the broker), then removes them. */
    private String republish(String file, Path letters) throws RerunRefused, IOException {
        if (!queueEnabled) {
            throw new RerunRefused(409, "the queue is off here (sluice.queue.enabled=false): publish " + file
                    + " to the documents queue yourself");
        }
        byte[] body = Files.readAllBytes(letters);
        long documents = lines(letters);
        String message = Document.stemOf(file) + "-rerun-" + System.currentTimeMillis();
        try {
            producer.sendBodyAndHeader("direct:republish", body, "CamelSpringRabbitmqMessageId", message);
        } catch (RuntimeException e) {
            throw new RerunRefused(502, "could not publish " + file + " to the queue: " + e.getMessage());
        }
        Files.delete(letters);
        LOG.infof("Re-run from the status page: %s (%d document(s)) published to the queue as message %s", file,
                documents, message);
        return file + ": " + documents + " document(s) published to the queue as message " + message;
    }
}
