package io.pdfsluice.report;

import static io.pdfsluice.document.DocumentExchange.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdfsluice.delivery.Access;
import io.pdfsluice.delivery.DeliveryMetrics;
import io.pdfsluice.delivery.Retries;
import io.pdfsluice.document.Document;
import io.pdfsluice.outbox.Outbox;
import io.pdfsluice.provider.ApiException;
import io.quarkus.scheduler.Scheduled;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Keeps the tally of every inbox file in flight and writes its report and dead letters when it ends. */
@ApplicationScoped
@Named("reports")
public class Reports {

    private static final Logger LOG = Logger.getLogger(Reports.class);

    private final Set<Batch> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedDocuments = new AtomicInteger();

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    Access access;
    @Inject
    DeliveryMetrics metrics;
    @ConfigProperty(name = "sluice.queue.outputs")
    String queueOutputs;
    @ConfigProperty(name = "sluice.batch.timeout-ms")
    long batchTimeoutMs;

    public void open(Exchange exchange) {
        File file = exchange.getMessage().getBody(File.class);
        Batch batch = new Batch(file.getName(), Document.stemOf(file.getName()), expected(file),
                outbox.resolve("." + Document.stemOf(file.getName()) + ".failures.jsonl.part"), json);
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(ON_READ, (Consumer<Document>) batch::started);
        open.add(batch);
        LOG.infof("%s: picked up", file.getName());
    }

    public void skipped(Exchange exchange) {
        exchange.setProperty(SKIPPED, true);
        LOG.debugf("%s: already in the outbox, skipped", document(exchange).describe());
    }

    /** The onException end of a document: why it failed, for its dead letter, its event and the log. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = t == null ? "unknown failure" : t.getMessage() == null ? t.toString() : t.getMessage();
        Document d = document(exchange);
        if (d == null && exchange.getMessage().getBody() instanceof Document body) {
            d = body; // it failed before its route had taken it up
            exchange.setProperty(DOCUMENT, d);
        }
        if (d != null && !reason.contains(d.source())) {
            reason = d.describe() + ": " + reason; // every reason names its file and record
        }
        exchange.setProperty(FAILURE, reason);
        exchange.setProperty(FAILURE_STATUS, t instanceof ApiException api ? Integer.valueOf(api.status()) : null);
        exchange.setProperty(FAILURE_ATTEMPTS, Retries.attemptsOf(exchange));
        metrics.deadLettered();
        LOG.errorf("Failed: %s", reason);
    }

    /** Counts the document's end in its batch, once: failed, skipped or delivered, as the exchange says. */
    public void ended(Exchange exchange) {
        Batch.Outcome outcome = exchange.getProperty(FAILURE) != null ? Batch.Outcome.FAILED
                : exchange.getProperty(SKIPPED, false, Boolean.class) ? Batch.Outcome.SKIPPED : Batch.Outcome.DELIVERED;
        Batch.Outcome previous = exchange.getProperty(ENDED, Batch.Outcome.class);
        Document d = document(exchange);
        if (d == null) {
            d = exchange.getMessage().getBody(Document.class);
        }
        Batch b = batch(exchange);
        if (!b.end(d, previous, outcome, exchange.getProperty(FAILURE, String.class),
                exchange.getProperty(FAILURE_STATUS, Integer.class), Retries.attemptsOf(exchange))
                && b.isClosed()) {
            LOG.warnf("%s ended (%s) after %s had been closed: not counted", d.describe(), outcome, b.file);
        }
        exchange.setProperty(ENDED, outcome);
    }

    /** A document whose own failure handling failed: it ends failed with what escaped, unless it already has. */
    void escaped(Exchange exchange) {
        Exception escaped = exchange.getException();
        exchange.setException(null);
        if (batch(exchange) == null) {
            return;
        }
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, escaped);
        endFailed(exchange);
    }

    /** Ends the exchange's document failed with the exception caught, unless it has ended failed already. */
    private void endFailed(Exchange exchange) {
        if (exchange.getProperty(ENDED) != Batch.Outcome.FAILED) {
            failed(exchange);
            ended(exchange);
        }
    }

    /**
     * A queue message is a batch too: its failed documents are dead-lettered to
     * outbox/&lt;sluice.queue.outputs&gt;/failed/&lt;message&gt;.failures.jsonl, which can be published again as it is.
     */
    public void openMessage(Exchange exchange, @ExchangeProperty(MESSAGE) String message) {
        String stem = queueOutputs + "/failed/" + message;
        Batch batch = new Batch("queue message " + message, stem, -1,
                outbox.resolve(queueOutputs + "/failed/." + message + ".failures.jsonl.part"), json);
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(ON_READ, (Consumer<Document>) batch::started);
        // however the message fails (its error handlers included), it is not acked and comes again: let this
        // attempt's dead letters go
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                abortMessage(batch);
            }
        });
    }

    /** The message's dead letters are in place before it is acknowledged; no report file for a message. */
    public void closeMessage(Exchange exchange) throws IOException {
        Batch b = batch(exchange);
        if (access.isRevoked()) {
            throw new ApiException.Unauthorized(401, b.file + " is not acknowledged: the API refused the key");
        }
        b.close("ended without an outcome");
        Path deadLetters = b.closeDeadLetters();
        if (deadLetters != null) {
            outbox.publish(deadLetters, b.stem + ".failures.jsonl");
            failedDocuments.addAndGet(b.failed.get());
        }
        if (b.ended() > 1) {
            LOG.infof("%s: %d ok, %d skipped, %d failed in %.1f s", b.file, b.ok.get(), b.skipped.get(),
                    b.failed.get(), b.elapsedSeconds());
        }
    }

    /**
     * A queue message that failed as a whole is not acknowledged and comes again: this attempt's dead letters are
     * dropped (the next attempt writes its own), so no file is left open or half written.
     */
    private void abortMessage(Batch b) {
        try {
            Path deadLetters = b.closeDeadLetters();
            if (deadLetters != null) {
                java.nio.file.Files.deleteIfExists(deadLetters);
            }
        } catch (IOException e) {
            LOG.warnf("%s: could not drop its dead letters: %s", b.file, e.getMessage());
        }
    }

    /**
     * The file's split is over: its report and dead letters are written and the file's outcome set. A document
     * still in flight (the split gave up waiting for it after sluice.batch.timeout-ms) ends failed here.
     */
    public void close(Exchange exchange) throws IOException {
        Batch b = batch(exchange);
        if (access.isRevoked()) {
            open.remove(b);
            throw new ApiException.Unauthorized(401, b.file + " stays in the inbox: the API refused the key");
        }
        boolean timedOut = batchTimeoutMs > 0 && b.elapsedSeconds() * 1000 >= batchTimeoutMs;
        String why = timedOut ? "did not end within " + batchTimeoutMs + " ms (sluice.batch.timeout-ms)"
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
        finish(exchange, b, false);
    }

    /**
     * The intake's onException: the file itself failed (its report could not be written, a step of the inbox route
     * threw, a document's own failure handling failed). Every document of it that has not ended fails with the
     * reason, the report says so, and the file goes to .failed/. Never throws: the file must move on.
     */
    public void abandon(Exchange exchange) {
        if (exchange.getProperty(DOCUMENT) != null || exchange.getMessage().getBody() instanceof Document) {
            endFailed(exchange); // a step of the split itself failed for one document: that document ends
            return;
        }
        exchange.setProperty(OUTCOME, ".failed");
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = t == null ? "unknown failure" : t.getMessage() == null ? t.toString() : t.getMessage();
        Batch b = batch(exchange);
        try {
            if (b == null) {
                open(exchange);
                b = batch(exchange);
            }
            b.reported.add(new Report.Failure(null, null, b.file + ": " + reason));
            b.close("not ended: " + b.file + " failed: " + reason);
            failedDocuments.incrementAndGet(); // the file itself, even when none of its documents had started
            finish(exchange, b, true);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s failed (%s), and its report could not be written: %s",
                    b == null ? "an inbox file" : b.file, reason, e.toString());
        } finally {
            if (b != null) {
                open.remove(b);
            }
            exchange.setProperty(OUTCOME, ".failed");
        }
        LOG.errorf("%s failed: %s", b == null ? "an inbox file" : b.file, reason);
    }

    private void finish(Exchange exchange, Batch b, boolean fileFailed) throws IOException {
        open.remove(b);
        int failed = b.failed.get();
        double seconds = b.elapsedSeconds();
        int documents = b.ended();
        double rate = seconds > 0 ? documents / seconds : documents;
        Report report = new Report(b.file, documents, b.ok.get(), b.skipped.get(), failed,
                round(seconds), round(rate), List.copyOf(b.reported));
        Path deadLetters = b.closeDeadLetters();
        if (deadLetters != null) {
            outbox.publish(deadLetters, b.stem + ".failures.jsonl");
        }
        outbox.write(b.stem + ".report.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        failedDocuments.addAndGet(failed);
        exchange.setProperty(OUTCOME, failed > 0 || fileFailed ? ".failed" : ".done");
        LOG.infof("%s: %d ok, %d failed in %.1f s (%.1f docs/s)", b.file, b.ok.get() + b.skipped.get(), failed,
                seconds, rate);
    }

    /** Inbox files picked up and not yet ended. */
    public int inProgress() {
        return open.size();
    }

    /** Documents that failed since start, for the exit code of a run-once. */
    public int failedDocuments() {
        return failedDocuments.get();
    }

    @Scheduled(every = "${sluice.report.progress-ms}ms", delayed = "${sluice.report.progress-ms}ms")
    void progress() {
        for (Batch b : open) {
            double seconds = b.elapsedSeconds();
            int ended = b.ended();
            double rate = seconds > 0 ? ended / seconds : 0.0;
            String eta = b.expected > ended && rate > 0 ? String.format(", ETA %.0f s", (b.expected - ended) / rate) : "";
            LOG.infof("%s: %d of %s ended (%d ok, %d skipped, %d failed) after %.0f s, %.1f docs/s%s", b.file, ended,
                    b.expected > 0 ? String.valueOf(b.expected) : "?", b.ok.get(), b.skipped.get(), b.failed.get(),
                    seconds, rate, eta);
        }
    }

    /** How many documents a file holds, when that is cheap to know (a line count); -1 when it is not. */
    static long expected(File file) {
        String name = file.getName().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".jsonl") && !name.endsWith(".ndjson") && !name.endsWith(".csv")) {
            return name.endsWith(".json") ? -1 : 1;
        }
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var in = java.nio.file.Files.newInputStream(file.toPath())) {
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return name.endsWith(".csv") ? lines - 1 : lines;
    }

    private static Batch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }

    private static Document document(Exchange exchange) {
        return exchange.getProperty(DOCUMENT, Document.class);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
