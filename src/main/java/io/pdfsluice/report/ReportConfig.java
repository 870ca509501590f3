package io.pdfsluice.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How batches end and are reported. */
@ConfigMapping(prefix = "sluice")
public interface ReportConfig {

    /**
     * The last guarantee that a batch ends: a file whose documents have not all ended this long after it was
     * picked up ends anyway, its documents still in flight failed; 0: no bound. The inbox route's split times out
     * after it too.
     */
    @WithName("batch.timeout-ms")
    long batchTimeoutMs();

    /** A run-once job (the inbox's setting): on a terminal it draws live progress lines instead of logging them. */
    @WithName("run-once")
    boolean runOnce();

    /** How often a progress line (counts, rate, ETA) is logged for each file in progress. */
    @WithName("report.progress-ms")
    @WithDefault("5000")
    long progressMs();

    /**
     * The outbox folder queue documents are written to (the queue's setting): a message's dead letters go to its
     * failed/ subfolder, as &lt;message&gt;.failures.jsonl.
     */
    @WithName("queue.outputs")
    String queueOutputs();
}
