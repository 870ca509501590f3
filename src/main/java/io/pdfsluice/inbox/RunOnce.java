package io.pdfsluice.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.pdfsluice.delivery.Access;
import io.pdfsluice.delivery.IntakeHalted;
import io.pdfsluice.report.Batches;
import io.pdfsluice.report.FailedDocuments;
import io.quarkus.runtime.Quarkus;

/** sluice.run-once: when the inbox has nothing left to take, exit 0, or 1 when any document failed. */
@ApplicationScoped
@Named("runOnce")
public class RunOnce {

    private static final Logger LOG = Logger.getLogger(RunOnce.class);

    private final AtomicBoolean exiting = new AtomicBoolean();

    @Inject
    InboxConfig config;
    @Inject
    FailedDocuments failedDocuments;
    @Inject
    Batches batches;
    @Inject
    Access access;

    /**
     * The inbox route polled and found nothing it could take, or has just filed a file away: a run-once ends when
     * the inbox holds no file, taken or not.
     */
    public void exitIfInboxDone() throws IOException {
        if (!config.runOnce() || hasWaitingFiles() || !exiting.compareAndSet(false, true)) {
            return; // the last file's filing and an idle poll can both find the inbox done: one of them says so
        }
        int failed = failedDocuments.count();
        try {
            for (String folder : subfolders()) {
                LOG.warnf("Run-once: %s/ in the inbox is a folder, and the inbox takes the files at its top only: "
                        + "nothing in it was read", folder);
            }
            if (failed == 0 && !batches.anyFilePickedUp()) {
                LOG.infof("Run-once: %s held no file to convert, nothing to do", Path.of(config.folder()).toAbsolutePath());
            }
            LOG.infof("Run-once: the inbox is done, %s", failed == 0 ? "every document succeeded" : failed + " failed");
        } finally {
            Quarkus.asyncExit(failed == 0 ? 0 : 1); // whatever the words above met: this call alone exits
        }
    }

    /**
     * A refused key ends a run-once with exit code 1, a spent quota with 75, after intake has stopped (IntakeStop
     * observes first); every document not delivered stays in its file, in the inbox, for the next run.
     */
    void onHalted(@Observes @Priority(2) IntakeHalted halted) throws IOException {
        if (halted.exitCode() == IntakeHalted.QUOTA_SPENT && config.runOnce()) {
            LOG.warnf("Run-once: %s. %s documents in %d files stay in the inbox for the next run, none dead-lettered; "
                    + "run it again once the quota is renewed%s", halted.reason(),
                    documentsLeft(), waitingFiles().size(),
                    halted.reason().contains("renews at") ? "" : " (when is not known: the API did not say)");
        }
        exitIfRunOnce(halted.exitCode());
    }

    public void exitIfRunOnce(int code) {
        if (config.runOnce() && exiting.compareAndSet(false, true)) {
            Quarkus.asyncExit(code);
        }
    }

    /** The files left in the inbox, taken or not. */
    private List<Path> waitingFiles() throws IOException {
        return inInbox(entries -> entries.filter(RunOnce::waiting).toList(), List.of());
    }

    /** The inbox's own folders, but the hidden ones (.done, .failed): a user may expect their files to be read. */
    private List<String> subfolders() throws IOException {
        return inInbox(entries -> entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith(".")).sorted().toList(), List.of());
    }

    /** Whether any file is left in the inbox, taken or not: after the first, the folder is not read further. */
    private boolean hasWaitingFiles() throws IOException {
        return inInbox(entries -> entries.anyMatch(RunOnce::waiting), false);
    }

    /** What {@code read} makes of the inbox's entries, listed lazily; {@code absent} while there is no inbox. */
    private <T> T inInbox(Function<Stream<Path>, T> read, T absent) throws IOException {
        Path folder = Path.of(config.folder());
        if (!Files.isDirectory(folder)) {
            return absent;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return read.apply(entries);
        }
    }

    /** A file the inbox takes, or has taken and not filed yet: hidden ones it does not pick up. */
    private static boolean waiting(Path file) {
        return Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".");
    }

    /** The documents halted in this run plus those of the files it did not take ("at least" when some are unknown). */
    private String documentsLeft() throws IOException {
        long left = access.haltedDocuments();
        boolean unknown = false;
        for (Path file : waitingFiles()) {
            long notTaken = batches.documentsNotTaken(file.toFile());
            unknown |= notTaken < 0;
            left += Math.max(0, notTaken);
        }
        return (unknown ? "at least " : "") + left;
    }
}
