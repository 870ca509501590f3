package io.pdfsluice.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Every sluice.report.progress-ms, a line for each inbox file in progress: counts, rate and ETA. */
@ApplicationScoped
public class ProgressLog {

    private static final Logger LOG = Logger.getLogger(ProgressLog.class);

    @Inject
    Batches batches;

    @Scheduled(every = "${sluice.report.progress-ms}ms", delayed = "${sluice.report.progress-ms}ms")
    void progress() {
        for (Batch b : batches.files()) {
            double seconds = b.elapsedSeconds();
            int ended = b.ended();
            double rate = seconds > 0 ? ended / seconds : 0.0;
            String eta = b.expected > ended && rate > 0 ? String.format(", ETA %.0f s", (b.expected - ended) / rate) : "";
            LOG.infof("%s: %d of %s ended (%d ok, %d skipped, %d failed) after %.0f s, %.1f docs/s%s", b.file, ended,
                    b.expected > 0 ? String.valueOf(b.expected) : "?", b.ok.get(), b.skipped.get(), b.failed.get(),
                    seconds, rate, eta);
        }
    }
}
