package io.pdfsluice.report;

import static io.pdfsluice.document.DocumentExchange.BATCH;
import static io.pdfsluice.document.DocumentExchange.UNREAD;

import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.outbox.Outbox;

/**
 * An inbox file's batch, from pick-up to outbox/&lt;stem&gt;.report.json and its dead letters; and the folder the
 * file is then moved to (routes/inbox.yaml).
 */
@ApplicationScoped
@Named("fileReport")
public class FileReport {

    private static final Logger LOG = Logger.getLogger(FileReport.class);

    @Inject
    Batches batches;
    @Inject
    DocumentOutcome outcome;
    @Inject
    FailedDocuments failedDocuments;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    ReportConfig config;
    @Inject
    PaceLog pace;

    /** The file was picked up: its tally opens, and its documents are counted as they are read and end. */
    public void open(Exchange exchange) {
        File file = exchange.getMessage().getBody(File.class);
        batches.openFile(exchange, file);
        LOG.infof("%s: picked up", file.getName());
    }

    /**
     * The file's split is over: its report and dead letters are written. A document still in flight (the split
     * gave up waiting for it after sluice.batch.timeout-ms) ends failed here.
     */
    public void close(Exchange exchange) throws IOException {
        Batch b = Batches.of(exchange);
        long timeoutMs = config.batchTimeoutMs();
        boolean timedOut = timeoutMs > 0 && b.elapsedSeconds() * 1000 >= timeoutMs;
        String why = timedOut ? "did not end within " + timeoutMs + " ms (sluice.batch.timeout-ms)"
                : "ended without an outcome";
        if (timedOut && exchange.getProperty(UNREAD) instanceof Iterator<?> rest) {
            while (rest.hasNext()) {
                rest.next(); // read, so it is counted among the documents that did not end
            }
        }
        int stragglers = b.close(why);
        if (stragglers > 0) {
            LOG.errorf("%s: %d document(s) %s: failed", b.file, stragglers, why);
        }
        write(b);
    }

    /** Where the inbox route's move files the original: .done, or .failed when any document of it failed. */
    public String doneOrFailed(@ExchangeProperty(BATCH) Batch batch) {
        return batch.failed.get() > 0 ? ".failed" : ".done";
    }

    /**
     * The intake's onException: the file itself failed (its report could not be written, a step of the inbox route
     * threw, a document's own failure handling failed). Every document of it that has not ended fails with the
     * reason, and the report says so; the route then moves the file to .failed/. Never throws: the file must move on.
     */
    public void abandon(Exchange exchange) {
        if (DocumentExchange.document(exchange) != null) {
            outcome.endFailed(exchange); // a step of the split itself failed for one document: that document ends
            return;
        }
        String reason = DocumentOutcome.reasonOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        Batch b = Batches.of(exchange);
        try {
            if (b == null) {
                open(exchange);
                b = Batches.of(exchange);
            }
            b.reported.add(new Report.Failure(null, null, b.file + ": " + reason));
            b.close("not ended: " + b.file + " failed: " + reason);
            failedDocuments.add(1); // the file itself, even when none of its documents had started
            write(b);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s failed (%s), and its report could not be written: %s",
                    b == null ? "an inbox file" : b.file, reason, e.toString());
        } finally {
            if (b != null) {
                batches.ended(b);
            }
        }
        LOG.errorf("%s failed: %s", b == null ? "an inbox file" : b.file, reason);
    }

    private void write(Batch b) throws IOException {
        batches.ended(b);
        int failed = b.failed.get();
        double seconds = b.elapsedSeconds();
        int documents = b.ended();
        double rate = seconds > 0 ? documents / seconds : documents;
        Report report = new Report(b.file, documents, b.ok.get(), b.skipped.get(), failed,
                round(seconds), round(rate), b.deliveredBy(), List.copyOf(b.reported));
        b.deadLetters.publish(outbox);
        writeHtml(b, report); // before the JSON report, which stays the last thing a batch writes
        outbox.write(b.stem + ".report.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        failedDocuments.add(failed);
        LOG.infof("%s: %d ok, %d failed in %.1f s (%.1f docs/s)", b.file, b.ok.get() + b.skipped.get(), failed,
                seconds, rate);
    }

    /** The HTML report beside the JSON one; it is for a person, so a failure to write it is logged, not thrown. */
    private void writeHtml(Batch b, Report report) {
        try {
            String html = HtmlReport.of(report, b.startedAtMs, pace.overBatch(b.paceAtStart));
            outbox.write(b.stem + ".report.html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: its HTML report could not be written (the JSON one is): %s", b.file, e.toString());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
