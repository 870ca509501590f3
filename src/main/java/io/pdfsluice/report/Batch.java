package io.pdfsluice.report;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.pdfsluice.inbox.Document;

/** The tally of one inbox file while its documents are in flight; shared by the split's parallel branches. */
public class Batch {

    final String file;
    final String stem;
    final long expected;
    final long startNanos = System.nanoTime();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Queue<DeadLetter> failures = new ConcurrentLinkedQueue<>();

    Batch(String file, String stem, long expected) {
        this.file = file;
        this.stem = stem;
        this.expected = expected;
    }

    void delivered() {
        ok.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void failed(Document document, String reason, Integer status, int attempts) {
        failed.incrementAndGet();
        failures.add(DeadLetter.of(document, reason, status, attempts));
    }

    int ended() {
        return ok.get() + skipped.get() + failed.get();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
