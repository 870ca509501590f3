package io.pdfsluice.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that render and encode PDF pages: a fixed number, separate from the HTTP threads and from the
 * Markdown typesetting, with a bounded queue.
 *
 * Each document's conversion queues at most {@link #threads()} tasks and the engine converts at most a bounded
 * number of documents at once, so the queue, sized for that, never overflows; if it ever did, the conversion fails
 * (the pool never runs a task on the caller's thread, which is the one writing the pages and would wait on itself).
 */
final class PageWorkers implements AutoCloseable {

    private final int threads;
    private final ThreadPoolExecutor pool;

    PageWorkers(int threads, int documentsAtOnce) {
        if (threads < 1 || documentsAtOnce < 1) {
            throw new IllegalArgumentException("threads and documentsAtOnce must be positive");
        }
        this.threads = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * documentsAtOnce), new EngineThreads("page"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * How many threads render pages: sluice.engine.render-threads when set, otherwise one per core but no more than
     * the heap allows at sluice.engine.render-heap-mb each. A render thread holds a full-page raster, its own copy
     * of the document's parsed resources and a few encoded pages; more threads than the heap has room for only
     * trade CPU for garbage collection.
     */
    static int threadsFor(EngineSettings settings, int cores, long maxHeapBytes) {
        if (settings.renderThreads() < 0) {
            throw new IllegalArgumentException("sluice.engine.render-threads must be 0 (automatic) or more, not "
                    + settings.renderThreads());
        }
        if (settings.renderHeapMb() < 1) {
            throw new IllegalArgumentException("sluice.engine.render-heap-mb must be at least 1, not "
                    + settings.renderHeapMb());
        }
        if (settings.renderThreads() > 0) {
            return settings.renderThreads();
        }
        long byHeap = maxHeapBytes / ((long) settings.renderHeapMb() << 20);
        return (int) Math.max(1, Math.min(cores, byHeap));
    }

    int threads() {
        return threads;
    }

    void execute(Runnable task) {
        pool.execute(task);
    }

    /** Takes back a task that has not started yet; true if it will now never run. */
    boolean withdraw(Runnable task) {
        return pool.remove(task);
    }

    int activeThreads() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
