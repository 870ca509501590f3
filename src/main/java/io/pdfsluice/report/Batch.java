package io.pdfsluice.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.pdfsluice.document.Document;

/**
 * The tally of one inbox file (or queue message) while its documents are in flight; shared by the split's parallel
 * branches. Each document is counted once, at its end: a document that ended and then fails (its done event could
 * not be published) is moved from its first outcome to failed, never counted twice; one that ends after the batch
 * was closed is not counted at all. Dead letters stream to their {@link DeadLetterFile} as they happen; the report
 * keeps the first {@link #REPORTED} reasons.
 */
public class Batch {

    static final int REPORTED = 1000;
    private static final Logger LOG = Logger.getLogger(Batch.class);

    /** How a document ended. */
    public enum Outcome {
        DELIVERED,
        SKIPPED,
        FAILED
    }

    final String file;
    final String stem;
    final long expected;
    final long startNanos = System.nanoTime();
    final long startedAtMs = System.currentTimeMillis();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<Report.Failure> reported = new CopyOnWriteArrayList<>();
    /** The documents delivered, by the provider that delivered them. */
    private final Map<String, Integer> deliveredBy = new TreeMap<>();
    /** Documents read from the file and not ended yet, by identity (two equal records are two documents). */
    private final Map<Document, Boolean> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
    final DeadLetterFile deadLetters;
    /** The running counts when the batch began, where its report's chart starts; null for a queue message's batch. */
    final PaceLog.Sample paceAtStart;
    private volatile boolean closed;

    Batch(String file, String stem, long expected, DeadLetterFile deadLetters, PaceLog.Sample paceAtStart) {
        this.file = file;
        this.stem = stem;
        this.expected = expected;
        this.deadLetters = deadLetters;
        this.paceAtStart = paceAtStart;
    }

    /** A document of this batch was read: from now on it ends once, or the batch's close ends it. */
    synchronized void started(Document document) {
        if (!closed) {
            inFlight.put(document, Boolean.TRUE);
        }
    }

    /**
     * The end of a document: counted unless the batch is closed. {@code previous} is the outcome it was already
     * counted with, or null; only a later failure changes an outcome. False when nothing was counted.
     */
    synchronized boolean end(Document document, Outcome previous, Outcome outcome, String provider, String reason,
            Integer status, int attempts) {
        inFlight.remove(document);
        if (closed || previous == outcome || previous == Outcome.FAILED) {
            return false;
        }
        if (outcome == Outcome.FAILED) {
            deadLetter(document, reason, status, attempts);
        }
        if (previous != null) {
            counter(previous).decrementAndGet();
        }
        counter(outcome).incrementAndGet();
        if (provider != null && (outcome == Outcome.DELIVERED || previous == Outcome.DELIVERED)) {
            deliveredBy.merge(provider, outcome == Outcome.DELIVERED ? 1 : -1, Integer::sum);
        }
        return true;
    }

    /**
     * Closes the tally: every document still in flight ends failed with {@code reason} (the batch gave up waiting
     * for it), after which nothing more is counted. Returns how many that were.
     */
    synchronized int close(String reason) {
        List<Document> stragglers = new ArrayList<>(inFlight.keySet());
        inFlight.clear();
        for (Document d : stragglers) {
            failed.incrementAndGet();
            deadLetter(d, d.describe() + ": " + reason, null, 0);
        }
        closed = true;
        return stragglers.size();
    }

    boolean isClosed() {
        return closed;
    }

    private AtomicInteger counter(Outcome outcome) {
        return switch (outcome) {
            case DELIVERED -> ok;
            case SKIPPED -> skipped;
            case FAILED -> failed;
        };
    }

    /** Never throws: a dead letter that cannot be written is logged, and the failure is still counted and reported. */
    private void deadLetter(Document document, String reason, Integer status, int attempts) {
        if (reported.size() < REPORTED) {
            reported.add(new Report.Failure(document.id(), document.where(), reason));
        }
        try {
            deadLetters.write(DeadLetter.of(document, reason, status, attempts));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Cannot write the dead letter of %s (%s): %s", document.describe(), reason, e.toString());
        }
    }

    synchronized Map<String, Integer> deliveredBy() {
        return new TreeMap<>(deliveredBy);
    }

    int ended() {
        return ok.get() + skipped.get() + failed.get();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
