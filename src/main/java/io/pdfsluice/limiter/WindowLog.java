package io.pdfsluice.limiter;

import io.pdfsluice.plan.Window;

/**
 * One window of the plan as the server counts it, in which every request takes a place: a sliding one
 * ({@link SlidingWindowLog}) or a day or month of the vendor's calendar ({@link CalendarWindowLog}). A request holds
 * its place while in flight; once answered it counts until it leaves the window. Not thread-safe; callers lock.
 */
sealed interface WindowLog permits SlidingWindowLog, CalendarWindowLog {

    static WindowLog of(Window window, long marginMs) {
        return window.isCalendar() ? new CalendarWindowLog(window, marginMs) : new SlidingWindowLog(window, marginMs);
    }

    /** Milliseconds until one more request may go: 0 now, {@link SlidingWindowLog#IN_FLIGHT} while every place is in flight. */
    long waitMs(long now);

    /** Takes a place for a request about to be sent (call when {@link #waitMs} is 0). */
    void reserve();

    /** A reserved request is over; it counts as sent at {@code at}. */
    void answered(long at);

    /** A request of an earlier run (from the ledger), answered at {@code at}; call oldest first. */
    void restored(long at, long now);

    /** A reserved request that never went: its place is free again at once. */
    void unsent();

    /** Requests in flight or counted in the window at {@code now}. */
    int inWindow(long now);

    Window window();
}
