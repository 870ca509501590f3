package io.pdfsluice.report;

import static io.pdfsluice.document.DocumentExchange.BATCH;
import static io.pdfsluice.document.DocumentExchange.ON_READ;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.outbox.Outbox;

/**
 * The batches in flight: an inbox file from when it is picked up until its report is written, a queue message
 * (never listed: it has no report and no progress line) until it is acknowledged. Each is set on its exchange
 * ({@code sluiceBatch}), and told of every document as it is read.
 */
@ApplicationScoped
public class Batches {

    private final Set<Batch> files = ConcurrentHashMap.newKeySet();
    /** The queue messages being delivered, for the status page only. */
    private final Set<Batch> messages = ConcurrentHashMap.newKeySet();
    /** The names of the inbox files picked up in this run. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    ReportConfig config;
    @Inject
    PaceLog pace;

    /** An inbox file's batch: its dead letters become outbox/&lt;stem&gt;.failures.jsonl. */
    Batch openFile(Exchange exchange, File file) {
        String stem = Document.stemOf(file.getName());
        Batch batch = new Batch(file.getName(), stem, ExpectedDocuments.in(file), new DeadLetterFile(
                outbox.resolve("." + stem + ".failures.jsonl.part"), stem + ".failures.jsonl", json), pace.counts());
        files.add(batch);
        opened.add(file.getName());
        return onExchange(exchange, batch);
    }

    /** A queue message's batch: its dead letters become outbox/&lt;queue outputs&gt;/failed/&lt;message&gt;.failures.jsonl. */
    Batch openMessage(Exchange exchange, String message) {
        String folder = config.queueOutputs() + "/failed/";
        Batch batch = new Batch("queue message " + message, folder + message, -1, new DeadLetterFile(
                outbox.resolve(folder + "." + message + ".failures.jsonl.part"), folder + message + ".failures.jsonl",
                json), null); // no report, so no chart: nothing taken on a message's (a document's) path
        messages.add(batch);
        return onExchange(exchange, batch);
    }

    /** The file's report is written (or cannot be), or the message is done with: it is no longer in progress. */
    void ended(Batch batch) {
        files.remove(batch);
        messages.remove(batch);
    }

    /** Every batch in progress, inbox files first: for a page someone watches, never on a document's path. */
    public List<BatchProgress> progress() {
        List<BatchProgress> all = new ArrayList<>();
        files.forEach(b -> all.add(BatchProgress.of(b, "inbox")));
        messages.forEach(b -> all.add(BatchProgress.of(b, "queue")));
        all.sort(Comparator.comparing(BatchProgress::source).thenComparing(BatchProgress::name));
        return all;
    }

    /**
     * How many documents the inbox file holds, if this run has not picked it up (those it did are counted as they
     * end, or are halted); 0 for one it picked up, -1 when that is not cheap to know (a JSON array).
     */
    public long documentsNotTaken(File file) {
        return opened.contains(file.getName()) ? 0 : ExpectedDocuments.in(file);
    }

    /** The inbox file in progress whose outputs go by {@code stem}, other than {@code name}; null when there is none. */
    public String inProgressWithStem(String stem, String name) {
        return files.stream().filter(b -> b.stem.equals(stem) && !b.file.equals(name)).map(b -> b.file).findFirst()
                .orElse(null);
    }

    /** Whether this run has picked up any inbox file. */
    public boolean anyFilePickedUp() {
        return !opened.isEmpty();
    }

    /** Inbox files picked up and not yet ended. */
    public int inProgress() {
        return files.size();
    }

    Set<Batch> files() {
        return files;
    }

    static Batch of(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }

    private static Batch onExchange(Exchange exchange, Batch batch) {
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(ON_READ, (Consumer<Document>) batch::started);
        return batch;
    }
}
