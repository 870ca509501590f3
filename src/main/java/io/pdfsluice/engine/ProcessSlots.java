package io.pdfsluice.engine;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The pdftoppm processes that may run at once over every conversion (the render threads: together they hold no
 * more rasters than PDFBox's workers would), and how many of them a PDF gets.
 */
final class ProcessSlots {

    /** Past this many pages a PDF is worth a second process even while every slot is taken. */
    static final int PAGES_FOR_A_PROCESS = 25;

    private final Semaphore slots;

    ProcessSlots(int processes) {
        this.slots = new Semaphore(Math.max(1, processes));
    }

    /**
     * How many processes draw a PDF of {@code pageCount} pages, at most {@code processes}: one per slot free now.
     * Each further process parses the PDF and starts pdftoppm again (about 20 ms of CPU), which only pays when a
     * core would otherwise idle, not while other conversions keep them busy. A PDF of more than
     * {@value #PAGES_FOR_A_PROCESS} pages is split all the same, so that it does not end a batch on one core.
     */
    int ranges(int pageCount, int processes) {
        int wanted = Math.max(slots.availablePermits(), (pageCount + PAGES_FOR_A_PROCESS - 1) / PAGES_FOR_A_PROCESS);
        return Math.max(1, Math.min(Math.min(processes, pageCount), wanted));
    }

    /** Takes a slot, waiting at most {@code nanos}; false when none came free in time. */
    boolean take(long nanos) throws InterruptedException {
        return slots.tryAcquire(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void giveBack() {
        slots.release();
    }

    /** Slots free now. */
    int free() {
        return slots.availablePermits();
    }

    /** Conversions waiting for a slot (a test's way to know that one waits). */
    int waiting() {
        return slots.getQueueLength();
    }
}
