package io.pdfsluice.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdfsluice.inbox.Document;

/**
 * The tally of one inbox file while its documents are in flight; shared by the split's parallel branches. Dead
 * letters stream to a hidden file as they happen, so a manifest with a million failures needs no memory for them;
 * the report keeps the first {@link #REPORTED} reasons.
 */
public class Batch {

    static final int REPORTED = 1000;

    final String file;
    final String stem;
    final long expected;
    final long startNanos = System.nanoTime();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<Report.Failure> reported = new CopyOnWriteArrayList<>();
    private final Path deadLetters;
    private final ObjectMapper json;
    private BufferedWriter writer;

    Batch(String file, String stem, long expected, Path deadLetters, ObjectMapper json) {
        this.file = file;
        this.stem = stem;
        this.expected = expected;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    void delivered() {
        ok.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void failed(Document document, String reason, Integer status, int attempts) {
        if (failed.incrementAndGet() <= REPORTED) {
            reported.add(new Report.Failure(document.id(), document.where(), reason));
        }
        DeadLetter letter = DeadLetter.of(document, reason, status, attempts);
        synchronized (this) {
            try {
                if (writer == null) {
                    Files.createDirectories(deadLetters.getParent());
                    writer = Files.newBufferedWriter(deadLetters, StandardCharsets.UTF_8);
                }
                writer.write(json.writeValueAsString(letter));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead letter of " + document.describe(), e);
            }
        }
    }

    /** Closes the dead letters; returns their file, or null when nothing failed. */
    synchronized Path closeDeadLetters() throws IOException {
        if (writer == null) {
            return null;
        }
        writer.close();
        writer = null;
        return deadLetters;
    }

    int ended() {
        return ok.get() + skipped.get() + failed.get();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
