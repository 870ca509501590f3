package io.pdfsluice.limiter;

import io.pdfsluice.plan.Window;

/**
 * The model of a server that counts requests in a sliding window: the first {@code limit} requests of a window may
 * go at once, then one more each time one leaves it. A request holds its place while in flight and leaves the window
 * one period after it is {@link #answered}: when its answer came, the latest the server can have counted it, so no
 * delay on either side can make two requests look closer to the server than the window.
 *
 * Places are not tied to the order requests were sent in: the first answered is the first to leave, however long an
 * earlier request is still out (or, with several instances, still waiting for a shared place). A ring of places in
 * send order would make every later request wait for the slowest one. Not thread-safe; callers lock.
 */
final class SlidingWindowLog implements WindowLog {

    static final long IN_FLIGHT = Long.MAX_VALUE / 4;

    private final Window window;
    private final long periodMs;
    /** Times of answered requests still in the window, oldest first: a ring of at most {@code limit}. */
    private final long[] answered;
    private int head;
    private int size;
    private int inFlight;
    /** Requests of other clients of the key in the server's window: the most told in this span and the last. */
    private int external;
    private int externalBefore;
    private long externalPeriod = Long.MIN_VALUE / 2;
    private long externalUntil;

    SlidingWindowLog(Window window, long marginMs) {
        this.window = window;
        this.periodMs = window.periodMs() + marginMs;
        this.answered = new long[window.limit()];
    }

    /** Milliseconds until one more request may go: 0 now, {@link #IN_FLIGHT} while every place is in flight. */
    @Override
    public long waitMs(long now) {
        leave(now);
        int others = external(now);
        if (inFlight + size + others < answered.length) {
            return 0;
        }
        long wait = size == 0 ? IN_FLIGHT : Math.max(0, answered[head] + periodMs - now);
        return others > 0 ? Math.min(wait, externalUntil - now) : wait;
    }

    /**
     * Another client of the key has {@code others} requests in the server's window: the server's count beyond ours
     * when the answered request was admitted. That undercounts theirs when some of ours admitted earlier had not
     * reached the server yet, so the highest count told in this span of two periods or the one before holds (spans
     * counted from the epoch: two to four periods, whatever lower counts come meanwhile); after three periods without
     * any answer, nothing is assumed.
     */
    void others(int others, long now) {
        // one place more than told: the other client's requests that arrive between two of our answers
        int told = others <= 0 ? 0 : Math.min(answered.length, others + 1);
        long period = Math.floorDiv(now, 2 * periodMs);
        if (period != externalPeriod) {
            int last = period == externalPeriod + 1 ? external : 0;
            externalBefore = now < externalUntil ? last : 0;
            external = 0;
            externalPeriod = period;
        }
        external = Math.max(external, told);
        externalUntil = now + 3 * periodMs;
    }

    /** Another client's requests in the window, as the server last told. */
    int external(long now) {
        return now < externalUntil ? Math.max(external, externalBefore) : 0;
    }

    @Override
    public void reserve() {
        inFlight++;
    }

    /**
     * A reserved request is over; it counts as sent at {@code at} and leaves the window a period later. Answers come
     * in any order of {@code at} (a request's answer less its work: a slow one answered later may have been had
     * earlier), so it takes its place in time order, each later one moving up by one.
     */
    @Override
    public void answered(long at) {
        if (inFlight == 0) {
            return;
        }
        inFlight--; // in flight plus answered never pass the limit, so the ring has room for this one
        int n = answered.length;
        int i = size;
        for (; i > 0 && answered[(head + i - 1) % n] > at; i--) {
            answered[(head + i) % n] = answered[(head + i - 1) % n];
        }
        answered[(head + i) % n] = at;
        size++;
    }

    /**
     * A request of an earlier run (from the ledger), answered at {@code at}: it takes its place again until it
     * leaves the window. Call oldest first, before this run's first request; past the limit the oldest go.
     */
    @Override
    public void restored(long at, long now) {
        if (at + periodMs <= now) {
            return;
        }
        if (size == answered.length) {
            head = (head + 1) % answered.length;
            size--;
        }
        answered[(head + size) % answered.length] = at;
        size++;
    }

    /** A reserved request that never went: its place is free again at once. */
    @Override
    public void unsent() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    /** Requests in flight or answered within the last period before {@code now}. */
    @Override
    public int inWindow(long now) {
        int n = inFlight;
        for (int i = 0; i < size; i++) {
            if (answered[(head + i) % answered.length] + window.periodMs() > now) {
                n++;
            }
        }
        return n;
    }

    private void leave(long now) {
        while (size > 0 && answered[head] + periodMs <= now) {
            head = (head + 1) % answered.length;
            size--;
        }
    }

    @Override
    public Window window() {
        return window;
    }
}
