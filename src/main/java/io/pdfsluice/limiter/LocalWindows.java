package io.pdfsluice.limiter;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import io.pdfsluice.plan.Plan;

/**
 * This instance's own windows: a {@link WindowLog} per window of the plan, hour, day and month included, and
 * the pause, behind one lock. A waiting taker sleeps until an answer, an unsent request or a pause wakes it, or until
 * the oldest place leaves its window. The clock is injected, so tests can move time.
 */
public final class LocalWindows implements Windows {

    private final LongSupplier clock;
    private final List<WindowLog> logs;
    private final Set<String> held = new HashSet<>();
    private long places;
    private long pausedUntil;

    public LocalWindows(Plan plan, long marginMs, LongSupplier clock) {
        this.clock = clock;
        this.logs = plan.windows().stream().map(w -> WindowLog.of(w, marginMs)).toList();
    }

    /** Places of an earlier run, each counted from the time given (oldest first), as the server still counts them. */
    public synchronized void restore(List<Long> counted) {
        long now = clock.getAsLong();
        for (long at : counted) {
            logs.forEach(log -> log.restored(at, now));
        }
    }

    @Override
    public synchronized String take() throws InterruptedException {
        String place = String.valueOf(++places);
        for (long wait; (wait = tryTake(place)) > 0;) {
            wait(Math.min(wait, 1_000));
        }
        return place;
    }

    @Override
    public synchronized long tryTake(String place) {
        long now = clock.getAsLong();
        long wait = Math.max(0, pausedUntil - now);
        for (WindowLog log : logs) {
            wait = Math.max(wait, log.waitMs(now));
        }
        if (wait > 0) {
            return wait;
        }
        logs.forEach(WindowLog::reserve);
        held.add(place);
        return 0;
    }

    @Override
    public void answered(String place, long servedMs) {
        settle(place, true, Math.max(0, servedMs));
    }

    @Override
    public void unsent(String place) {
        settle(place, false, 0);
    }

    private synchronized void settle(String place, boolean sent, long servedMs) {
        if (!held.remove(place)) {
            return; // settled already: a second call gives back nothing more
        }
        long at = clock.getAsLong() - servedMs;
        for (WindowLog log : logs) {
            if (sent) {
                log.answered(at);
            } else {
                log.unsent();
            }
        }
        notifyAll();
    }

    @Override
    public synchronized boolean pause(long ms) {
        long until = clock.getAsLong() + ms;
        if (ms <= 0 || until <= pausedUntil) {
            return false;
        }
        pausedUntil = until;
        notifyAll();
        return true;
    }

    @Override
    public synchronized long pausedForMs() {
        return Math.max(0, pausedUntil - clock.getAsLong());
    }

    @Override
    public synchronized double primaryWindowUsed() {
        WindowLog primary = logs.get(0);
        return (double) primary.inWindow(clock.getAsLong()) / primary.window().limit();
    }

    @Override
    public synchronized List<WindowUse> use() {
        long now = clock.getAsLong();
        return logs.stream().map(log -> new WindowUse(log.window(), log.inWindow(now))).toList();
    }

    @Override
    public synchronized boolean explainsSpentWindow() {
        WindowLog primary = logs.get(0);
        long now = clock.getAsLong();
        int others = primary instanceof SlidingWindowLog sliding ? sliding.external(now) : 0;
        return primary.inWindow(now) + others >= primary.window().limit();
    }

    @Override
    public synchronized Optional<QuotaCount> quota() {
        long now = clock.getAsLong();
        CalendarWindowLog quota = null;
        for (WindowLog log : logs) {
            if (log instanceof CalendarWindowLog calendar) {
                quota = calendar; // shortest first: the last is the month's, else the day's
            }
        }
        return quota == null ? Optional.empty()
                : Optional.of(new QuotaCount(quota.used(now), quota.window().limit(), quota.renewsAt(now)));
    }

    @Override
    public synchronized void quotaLeft(long left) {
        long now = clock.getAsLong();
        for (WindowLog log : logs) {
            if (log instanceof CalendarWindowLog calendar) {
                calendar.reported(left, now);
            }
        }
    }

    @Override
    public synchronized void serverCount(int limit, int used, int ours) {
        long now = clock.getAsLong();
        WindowLog reported = logs.get(0);
        for (WindowLog log : logs) {
            if (log.window().limit() == limit && !log.window().isCalendar()) {
                reported = log; // the window the server reports on; else the shortest
                break;
            }
        }
        if (reported instanceof SlidingWindowLog sliding) {
            sliding.others(used - ours, now);
            notifyAll();
        }
    }

    @Override
    public synchronized int ownCount() {
        return logs.get(0).inWindow(clock.getAsLong());
    }
}
