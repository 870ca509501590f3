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

import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;
import io.pdfsluice.inbox.InboxConfig;
import io.pdfsluice.outbox.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The dead letters of the inbox's recent batches (outbox/&lt;stem&gt;.failures.jsonl), newest first, and their re-run:
 * the file moves into the inbox under its own name, so that only its documents are sent again, to where the
 * original's would have gone. It leaves the list then, and comes back if some of them fail again.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.failures\\.jsonl");
    static final int LISTED = 20;

    /** One batch's dead letters: its file in the outbox and how many documents it holds. */
    @RegisterForReflection
    public record Letters(String file, String batch, long documents, long modified) {
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

    private record Counted(long size, long modified, long lines) {
    }

    private final Map<String, Counted> counted = new ConcurrentHashMap<>();

    /** The newest {@value #LISTED} batches' dead letters. */
    public List<Letters> recent() {
        Path root = outbox.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Letters> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).forEach(f -> letters(f)
                    .ifPresent(all::add));
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Cannot list the outbox's dead letters: %s", e.getMessage());
        }
        all.sort(Comparator.comparingLong(Letters::modified).reversed());
        return all.size() > LISTED ? all.subList(0, LISTED) : all;
    }

    private Optional<Letters> letters(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            String name = file.getFileName().toString();
            long modified = a.lastModifiedTime().toMillis();
            Counted c = counted.get(name);
            if (c == null || c.size() != a.size() || c.modified() != modified) {
                c = new Counted(a.size(), modified, lines(file));
                counted.put(name, c);
            }
            return Optional.of(new Letters(name, Document.stemOf(name), c.lines(), modified));
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

    /**
     * Moves the dead letters {@code file} (a name the list shows) into the inbox under the same name: copied to a
     * hidden part file there first, which the inbox does not pick up, then renamed, then removed from the outbox.
     */
    public String rerun(String file) throws RerunRefused, IOException {
        if (file == null || !NAME.matcher(file).matches()) {
            throw new RerunRefused(400, "not the name of a batch's dead letters: " + file);
        }
        Path letters = outbox.resolve(file);
        if (!Files.isRegularFile(letters)) {
            throw new RerunRefused(404, file + " is not in the outbox (re-run already?)");
        }
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
        counted.remove(file);
        LOG.infof("Re-run from the status page: %s (%d document(s)) moved into the inbox", file, documents);
        return file + ": " + documents + " document(s) moved into the inbox to be sent again";
    }
}
