package io.pdfsluice.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.pdfsluice.delivery.KeyRefused;
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

    /** The inbox route polled and found nothing it could take. */
    public void inboxIdle() throws IOException {
        if (!config.runOnce() || hasWaitingFiles()) {
            return;
        }
        int failed = failedDocuments.count();
        LOG.infof("Run-once: the inbox is done, %s", failed == 0 ? "every document succeeded" : failed + " failed");
        exitIfRunOnce(failed == 0 ? 0 : 1);
    }

    /** A refused key ends a run-once with exit code 1, after intake has stopped (IntakeStop observes first). */
    void onKeyRefused(@Observes @Priority(2) KeyRefused refused) {
        exitIfRunOnce(1);
    }

    public void exitIfRunOnce(int code) {
        if (config.runOnce() && exiting.compareAndSet(false, true)) {
            Quarkus.asyncExit(code);
        }
    }

    /** Files not taken yet, e.g. still being written (the read lock waits for them to settle). */
    private boolean hasWaitingFiles() throws IOException {
        Path folder = Path.of(config.folder());
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.list(folder)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
        }
    }
}
