package io.pdfsluice.report;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** How many documents (and inbox files) failed since start: a run-once exits 1 when any did. */
@ApplicationScoped
public class FailedDocuments {

    private final AtomicInteger count = new AtomicInteger();

    void add(int failed) {
        count.addAndGet(failed);
    }

    /** An inbox file that was filed under .failed/ without being read (it has no report to count it). */
    public void fileNotTaken() {
        add(1);
    }

    public int count() {
        return count.get();
    }
}
