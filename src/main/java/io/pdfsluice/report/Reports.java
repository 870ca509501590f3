package io.pdfsluice.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdfsluice.delivery.Access;
import io.pdfsluice.delivery.DeliveryMetrics;
import io.pdfsluice.delivery.Retries;
import io.pdfsluice.inbox.Document;
import io.pdfsluice.inbox.Manifest;
import io.pdfsluice.outbox.Outbox;
import io.pdfsluice.provider.ApiException;
import io.quarkus.scheduler.Scheduled;
import io.pdfsluice.queue.QueueMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Keeps the tally of every inbox file in flight and writes its report and dead letters when it ends. */
@ApplicationScoped
@Named("reports")
public class Reports {

    public static final String BATCH = "sluiceBatch";
    public static final String OUTCOME = "sluiceOutcome";
    /** Set on a document's exchange when it failed: the reason, the API's status and the attempts made. */
    public static final String FAILURE = "sluiceFailure";
    public static final String FAILURE_STATUS = "sluiceFailureStatus";
    public static final String FAILURE_ATTEMPTS = "sluiceFailureAttempts";
    /** Set on a document's exchange when its output was already there. */
    public static final String SKIPPED = "sluiceSkipped";
    private static final Logger LOG = Logger.getLogger(Reports.class);

    private final Set<Batch> open = ConcurrentHashMap.newKeySet();
    private volatile int failedDocuments;

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

    public void open(Exchange exchange) {
        String file = exchange.getMessage().getBody(File.class).getName();
        String stem = Manifest.stemOf(file);
        Batch batch = new Batch(file, stem, expected(exchange.getMessage().getBody(File.class)),
                outbox.resolve("." + stem + ".failures.jsonl.part"), json);
        exchange.setProperty(BATCH, batch);
        open.add(batch);
        LOG.infof("%s: picked up", file);
    }

    public void delivered(Exchange exchange) {
        batch(exchange).delivered();
    }

    public void skipped(Exchange exchange) {
        batch(exchange).skipped();
        exchange.setProperty(SKIPPED, true);
        LOG.debugf("%s: already in the outbox, skipped", document(exchange).describe());
    }

    /** The onException end of a document: it is reported and dead-lettered with why it failed. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Document d = document(exchange);
        if (d == null) {
            d = exchange.getMessage().getBody(Document.class);
        }
        String reason = t == null ? "unknown failure" : t.getMessage() == null ? t.toString() : t.getMessage();
        Integer status = t instanceof ApiException api ? Integer.valueOf(api.status()) : null;
        int attempts = Retries.attemptsOf(exchange);
        batch(exchange).failed(d, reason, status, attempts);
        exchange.setProperty(FAILURE, reason);
        exchange.setProperty(FAILURE_STATUS, status);
        exchange.setProperty(FAILURE_ATTEMPTS, attempts);
        metrics.deadLettered();
        LOG.errorf("%s failed: %s", d.describe(), reason);
    }

    /**
     * A queue message is a batch too: its failed documents are dead-lettered to
     * outbox/&lt;sluice.queue.outputs&gt;/failed/&lt;message&gt;.failures.jsonl, which can be published again as it is.
     */
    public void openMessage(Exchange exchange, @ExchangeProperty(QueueMessage.KEY) String message) {
        String stem = queueOutputs + "/failed/" + message;
        Batch batch = new Batch("queue message " + message, stem, -1,
                outbox.resolve(queueOutputs + "/failed/." + message + ".failures.jsonl.part"), json);
        exchange.setProperty(BATCH, batch);
    }

    /** The message's dead letters are in place before it is acknowledged; no report file for a message. */
    public void closeMessage(Exchange exchange) throws IOException {
        Batch b = batch(exchange);
        if (access.isRevoked()) {
            throw new IllegalStateException(b.file + " is not acknowledged: the API refused the key");
        }
        Path deadLetters = b.closeDeadLetters();
        if (deadLetters != null) {
            outbox.publish(deadLetters, b.stem + ".failures.jsonl");
            failedDocuments += b.failed.get();
        }
        if (b.ended() > 1) {
            LOG.infof("%s: %d ok, %d skipped, %d failed in %.1f s", b.file, b.ok.get(), b.skipped.get(),
                    b.failed.get(), b.elapsedSeconds());
        }
    }

    public void close(Exchange exchange) throws IOException {
        Batch b = batch(exchange);
        open.remove(b);
        if (access.isRevoked()) {
            throw new IllegalStateException(b.file + " stays in the inbox: the API refused the key");
        }
        int failed = b.failed.get();
        double seconds = b.elapsedSeconds();
        int documents = b.ended();
        double rate = seconds > 0 ? documents / seconds : documents;
        Report report = new Report(b.file, documents, b.ok.get(), b.skipped.get(), failed,
                round(seconds), round(rate), List.copyOf(b.reported));
        Path deadLetters = b.closeDeadLetters();
        if (deadLetters != null) {
            outbox.publish(deadLetters, b.stem + ".failures.jsonl");
            failedDocuments += failed;
        }
        outbox.write(b.stem + ".report.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        exchange.setProperty(OUTCOME, failed > 0 ? ".failed" : ".done");
        LOG.infof("%s: %d ok, %d failed in %.1f s (%.1f docs/s)", b.file, b.ok.get() + b.skipped.get(), failed,
                seconds, rate);
    }

    /** Documents that failed since start, for the exit code of a run-once. */
    public int failedDocuments() {
        return failedDocuments;
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
        return exchange.getProperty("document", Document.class);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
