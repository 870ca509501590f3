package io.pdfsluice.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;

/** The outbox folder. Everything lands under a hidden temporary name first and is renamed into place. */
@ApplicationScoped
@Named("outbox")
public class Outbox {

    private final Path root;
    private final FolderSyncs folderSyncs = new FolderSyncs();

    @Inject
    public Outbox(OutboxConfig config) {
        this(config.outbox());
    }

    public Outbox(String outbox) {
        this.root = Path.of(outbox).toAbsolutePath().normalize();
    }

    /** True when the document's output is already complete: such a document is not sent again. */
    public boolean isDelivered(Exchange exchange) {
        Document d = exchange.getMessage().getBody(Document.class);
        Path target = resolve(d.output());
        return d.kind() == Kind.PDF ? Files.exists(target.resolve(PageSet.MANIFEST)) : Files.exists(target);
    }

    /** The outbox folder itself. */
    public Path root() {
        return root;
    }

    /** A path inside the outbox; anything that would leave it is refused. */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("'" + relative + "' would be written outside the outbox");
        }
        return p;
    }

    /**
     * A written output's bytes and its name in its folder reach the disk (before a queue message is acked). The
     * folder's fsync is shared by the documents renamed into it meanwhile (FolderSyncs), so a document asks the disk
     * for about one flush, not two.
     */
    public void sync(String relative) throws IOException {
        Path file = resolve(relative);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        folderSyncs.sync(file.getParent());
    }

    public void write(String relative, byte[] bytes) throws IOException {
        Path target = resolve(relative);
        Path temp = temporary(target);
        Files.write(temp, bytes);
        publish(temp, target);
    }

    /** Renames a finished file into place under {@code relative}. */
    public void publish(Path finished, String relative) throws IOException {
        publish(finished, resolve(relative));
    }

    /** A hidden temporary sibling of {@code target}, in the same folder so that the final rename is atomic. */
    Path temporary(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling(".part-" + UUID.randomUUID() + "-" + target.getFileName());
    }

    static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
