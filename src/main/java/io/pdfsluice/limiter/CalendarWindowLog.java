package io.pdfsluice.limiter;

import io.pdfsluice.plan.CalendarPeriod;
import io.pdfsluice.plan.Window;

/**
 * A day or a month of the vendor's calendar as its server counts it: every request of the period counts until the
 * period ends, then the next one starts empty. A period is taken to start the plan's margin after the vendor's
 * midnight, since this machine's clock may run ahead of the server's; a request still in flight when a period ends
 * counts in the next one, whichever the server put it in. Not thread-safe; callers lock.
 */
final class CalendarWindowLog implements WindowLog {

    private final Window window;
    private final CalendarPeriod calendar;
    private final long marginMs;
    /** When the period that {@link #counted} belongs to ends, by the vendor's calendar. */
    private long periodEnd = Long.MIN_VALUE;
    private int counted;
    private int inFlight;

    CalendarWindowLog(Window window, long marginMs) {
        this.window = window;
        this.calendar = window.calendar();
        this.marginMs = marginMs;
    }

    @Override
    public long waitMs(long now) {
        roll(now);
        if (inFlight + counted < window.limit()) {
            return 0;
        }
        return counted == 0 ? SlidingWindowLog.IN_FLIGHT : Math.max(1, renewsAt(now) - now);
    }

    @Override
    public void reserve() {
        inFlight++;
    }

    @Override
    public void answered(long at) {
        if (inFlight == 0) {
            return;
        }
        inFlight--;
        roll(at);
        counted++;
    }

    @Override
    public void restored(long at, long now) {
        roll(now);
        if (at + marginMs >= calendar.startOf(now - marginMs) && counted < window.limit()) {
            counted++;
        }
    }

    @Override
    public void unsent() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    @Override
    public int inWindow(long now) {
        roll(now);
        return inFlight + counted;
    }

    /** The server reports {@code left} in this period: its count wins where it is higher than ours. */
    void reported(long left, long now) {
        roll(now);
        long used = window.limit() - Math.max(0, left);
        if (used > counted) {
            counted = (int) Math.min(window.limit(), used);
        }
    }

    /** The requests answered in this period. */
    int used(long now) {
        roll(now);
        return counted;
    }

    /** When this period's count is gone: the vendor's next midnight (of the day or month), plus the margin. */
    long renewsAt(long now) {
        roll(now);
        return periodEnd + marginMs;
    }

    @Override
    public Window window() {
        return window;
    }

    private void roll(long now) {
        long vendorTime = now - marginMs;
        if (vendorTime >= periodEnd) {
            periodEnd = calendar.endOf(vendorTime);
            counted = 0;
        }
    }
}
