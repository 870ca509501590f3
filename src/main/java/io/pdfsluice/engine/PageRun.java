package io.pdfsluice.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One document's pages on their way from the workers that render and encode them, in whatever order they finish,
 * to the one writer that puts them out in page order.
 *
 * The hand-off is bounded: a worker may only take a page fewer than {@code window} pages ahead of the writer, so at
 * most {@code window} encoded pages wait in memory however long the document and however slow the writer. The
 * first failure, of a worker or of the writer, stops the whole run: workers take no further page and the writer
 * gets the failure instead of the next page.
 */
final class PageRun {

    private final int pageCount;
    private final EncodedPage[] waiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final RenderDeadline deadline;
    private int nextToTake;
    private int nextToWrite;
    private Throwable failure;

    PageRun(int pageCount, int window) {
        this(pageCount, window, RenderDeadline.none());
    }

    /** A run that fails by itself once the deadline has passed: the writer gets the failure, workers stop. */
    PageRun(int pageCount, int window, RenderDeadline deadline) {
        if (pageCount < 1 || window < 1) {
            throw new IllegalArgumentException("pageCount and window must be positive");
        }
        this.pageCount = pageCount;
        this.waiting = new EncodedPage[window];
        this.deadline = deadline;
    }

    int pageCount() {
        return pageCount;
    }

    /**
     * A worker's next page (0-based), waiting while the window is full; -1 once every page is taken or the run has
     * failed.
     */
    int take() throws InterruptedException {
        lock.lock();
        try {
            while (failure == null && nextToTake < pageCount && nextToTake >= nextToWrite + waiting.length) {
                changed.await();
            }
            return failure != null || nextToTake >= pageCount ? -1 : nextToTake++;
        } finally {
            lock.unlock();
        }
    }

    /** False once every page is taken or the run has failed: a worker starting now has nothing to do. */
    boolean hasPagesLeft() {
        lock.lock();
        try {
            return failure == null && nextToTake < pageCount;
        } finally {
            lock.unlock();
        }
    }

    /** A worker hands in the page it took. */
    void done(int pageIndex, EncodedPage page) {
        lock.lock();
        try {
            if (failure == null) {
                waiting[pageIndex % waiting.length] = page;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the run; the first failure is the one the writer reports. */
    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
                Arrays.fill(waiting, null); // the writer will not take them; let them go now
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer's next page in order, waiting for it; the run's failure, if any, is thrown instead (a
     * {@link RenderLimitException} as it is, once the deadline has passed).
     */
    EncodedPage next() throws IOException, InterruptedException {
        lock.lock();
        try {
            if (failure == null && deadline.passed()) {
                fail(deadline.expired());
            }
            int slot = nextToWrite % waiting.length;
            while (failure == null && waiting[slot] == null) {
                long left = deadline.remainingNanos();
                if (left == 0) {
                    fail(deadline.expired());
                } else if (left == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(left);
                }
            }
            if (failure instanceof RenderLimitException limit) {
                throw limit;
            }
            if (failure != null) {
                throw asIOException(failure);
            }
            EncodedPage page = waiting[slot];
            waiting[slot] = null;
            nextToWrite++;
            changed.signalAll();
            return page;
        } finally {
            lock.unlock();
        }
    }

    private static IOException asIOException(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof InterruptedException) {
            InterruptedIOException stopped = new InterruptedIOException("page rendering was interrupted");
            stopped.initCause(failure);
            return stopped;
        }
        return new IOException("rendering a page failed: " + failure, failure);
    }
}
