package io.pdfsluice.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Every sluice.report.progress-ms, a line for each inbox file in progress: counts, rate and ETA; on a run-once
 * job's terminal the live lines of {@link TerminalProgress} take their place.
 */
@ApplicationScoped
public class ProgressLog {

    private static final Logger LOG = Logger.getLogger(ProgressLog.class);

    @Inject
    Batches batches;
    @Inject
    TerminalProgress terminal;

    @Scheduled(every = "${sluice.report.progress-ms}ms", delayed = "${sluice.report.progress-ms}ms")
    void progress() {
        if (terminal.active()) {
            return; // the terminal shows it live
        }
        for (Batch b : batches.files()) {
            BatchProgress p = BatchProgress.of(b, "inbox");
            String eta = p.etaSeconds() != null ? String.format(", ETA %.0f s", p.etaSeconds()) : "";
            LOG.infof("%s: %d of %s ended (%d ok, %d skipped, %d failed) after %.0f s, %.1f docs/s%s", p.name(),
                    p.ended(), p.expected() > 0 ? String.valueOf(p.expected()) : "?", p.ok(), p.skipped(), p.failed(),
                    p.elapsedSeconds(), p.rate(), eta);
        }
    }
}
