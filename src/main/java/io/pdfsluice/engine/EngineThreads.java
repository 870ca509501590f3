package io.pdfsluice.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads: daemon threads (a render never keeps the JVM from exiting) named after what they do,
 * numbered in the order they start: pdf-engine-page-1, pdf-engine-page-2, ...
 */
final class EngineThreads implements ThreadFactory {

    private final String name;
    private final AtomicInteger started = new AtomicInteger();

    /** Threads named pdf-engine-&lt;purpose&gt;-&lt;n&gt;. */
    EngineThreads(String purpose) {
        this.name = "pdf-engine-" + purpose + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name + started.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Runs the task once on a thread of its own. */
    static void startOnce(String purpose, Runnable task) {
        new EngineThreads(purpose).newThread(task).start();
    }
}
