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

    public int count() {
        return count.get();
    }
}
