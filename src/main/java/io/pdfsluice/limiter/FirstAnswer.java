package io.pdfsluice.limiter;

/**
 * Until the API has answered once, one request at a time: the first answer tells what the server already counts of
 * the key (another client's requests, or requests that no ledger of this instance knows), before a whole window goes
 * at once. It costs one answer's time at the start of a run. A request that ends with no answer lets the next one try;
 * one that ends answered holds the next until its answer is {@link #heard} (read right after the call ends), or for
 * at most {@link #ANSWER_READ_MS}, so that nothing waits for ever on an answer that is never read.
 */
final class FirstAnswer {

    static final long ANSWER_READ_MS = 1_000;

    private volatile boolean heard;
    private boolean trying;
    /** System.nanoTime() until which an answered request's answer is awaited; 0 when none is. */
    private long readingUntil;

    /** Returns at once once the API has answered; before that, waits until no other request is trying. */
    void await() throws InterruptedException {
        if (heard) {
            return;
        }
        synchronized (this) {
            for (long wait; !heard && (wait = waitMs()) > 0;) {
                wait(wait);
            }
            if (!heard) {
                trying = true;
            }
        }
    }

    /** An answer came. */
    void heard() {
        if (!heard) {
            synchronized (this) {
                heard = true;
                notifyAll();
            }
        }
    }

    private long waitMs() {
        if (trying) {
            return 1_000;
        }
        long reading = readingUntil - System.nanoTime();
        return readingUntil != 0 && reading > 0 ? Math.max(1, reading / 1_000_000) : 0;
    }

    /** The trying request is over: {@code answered}, its answer is to be heard next; else none is coming. */
    void ended(boolean answered) {
        if (!heard) {
            synchronized (this) {
                trying = false;
                readingUntil = answered ? System.nanoTime() + ANSWER_READ_MS * 1_000_000 : 0;
                notifyAll();
            }
        }
    }
}
