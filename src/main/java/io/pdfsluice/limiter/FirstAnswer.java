package io.pdfsluice.limiter;

/**
 * Until the API has answered once, one request at a time: the first answer tells what the server already counts of
 * the key (another client's requests, or requests that no ledger of this instance knows), before a whole window goes
 * at once. It costs one answer's time at the start of a run. A request that ends with no answer lets the next one try.
 */
final class FirstAnswer {

    private volatile boolean heard;
    private boolean trying;

    /** Returns at once once the API has answered; before that, waits until no other request is trying. */
    void await() throws InterruptedException {
        if (heard) {
            return;
        }
        synchronized (this) {
            while (!heard && trying) {
                wait(1_000);
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

    /** The trying request is over, answered or not. */
    void ended() {
        if (!heard) {
            synchronized (this) {
                trying = false;
                notifyAll();
            }
        }
    }
}
