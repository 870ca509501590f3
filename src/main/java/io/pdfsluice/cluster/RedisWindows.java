package io.pdfsluice.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.pdfsluice.limiter.LocalWindows;
import io.pdfsluice.limiter.QuotaCount;
import io.pdfsluice.limiter.SharedStateException;
import io.pdfsluice.limiter.WindowUse;
import io.pdfsluice.limiter.Windows;
import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.Window;

/**
 * The plan's windows shared by every instance using one API key: the same sliding-window log as the local one
 * ({@link LocalWindows}), kept in Redis as one sorted set per window and changed only by atomic Lua scripts that
 * read Redis's own clock, so instance clocks never matter. Each instance still paces itself as well: a request takes
 * its place in this instance's own windows first, then in the shared ones (so waiting for the others costs no shared
 * place), and a 429's pause holds this instance at once and every other one through Redis.
 *
 * A request takes a place in every window at once, or none: the first L of a window may go together, then one
 * more each time the oldest leaves, never L+1 in any period. (A token bucket of capacity L refilled at L per period
 * would admit 2L within one period: a full bucket, then a refill; a log cannot.) While a request is in flight its
 * place is held with a score in the future (now + sluice.cluster.hold-ms), so it cannot leave the window before
 * it is answered; then its score becomes the time of the answer, and it leaves one period (plus the
 * plan's margin) later. An instance that dies with requests in flight holds their places until hold-ms has passed.
 */
public class RedisWindows implements Windows {

    private static final Logger LOG = Logger.getLogger(RedisWindows.class);

    private final LocalWindows own;
    private final Cluster cluster;
    private final List<String> names = new ArrayList<>();
    private final List<String> limits = new ArrayList<>();
    private final List<Window> windows;
    private final long marginMs;
    private final long holdMs;
    private final long pollMs;
    /** Fair: the threads of this instance get places in the order they asked. */
    private final ReentrantLock turn = new ReentrantLock(true);

    public RedisWindows(Cluster cluster, Plan plan, long marginMs, long holdMs, long pollMs, LocalWindows own) {
        this.own = own;
        this.cluster = cluster;
        this.holdMs = holdMs;
        this.pollMs = pollMs;
        this.marginMs = marginMs;
        this.windows = plan.windows();
        int n = 0;
        for (Window w : plan.windows()) {
            names.add(cluster.budgetKey("w" + n++ + ":" + w));
            this.limits.add(String.valueOf(w.limit()));
            this.limits.add(String.valueOf(w.periodMs() + marginMs));
        }
    }

    /**
     * The pause's key, then each window's: a calendar window (a day, a month) is a key of its period, which starts
     * empty at the vendor's midnight, its places never leaving it before (its period is the longest such one). A
     * request in flight across midnight counts in the period it was taken in.
     */
    private List<String> keys() {
        long vendorTime = System.currentTimeMillis() - marginMs;
        List<String> keys = new ArrayList<>(windows.size() + 1);
        keys.add(cluster.budgetKey("pause"));
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            keys.add(w.isCalendar() ? names.get(i) + ":" + w.calendar().startOf(vendorTime) : names.get(i));
        }
        return keys;
    }

    /**
     * Takes a place in this instance's windows, then waits until every shared window has room and takes a place in
     * each. A thread that finds no shared room waits its turn here, and one thread of this instance at a time asks
     * Redis again: when every waiting thread asked, each freed place set off a script per waiting thread of every
     * instance (hundreds on a 2-core machine), and the queue they made delayed the one that won the place (measured:
     * the slowest reuse of a place 0.5 s later than with one instance). The first try is not queued, so a window's
     * first requests go together.
     */
    @Override
    public String take() throws InterruptedException {
        String place = own.take();
        try {
            String member = member(place);
            if (takeShared(member) == 0) {
                return place; // a free place: the first requests of a window need not queue for it one by one
            }
            turn.lockInterruptibly();
            try {
                for (long wait; (wait = takeShared(member)) > 0;) {
                    // a little jitter, so that instances waiting for the same place do not all ask in the same ms
                    Thread.sleep(Math.min(wait, pollMs) + ThreadLocalRandom.current().nextLong(5));
                }
            } finally {
                turn.unlock();
            }
            return place;
        } catch (InterruptedException | RuntimeException e) {
            own.unsent(place); // no request went: the local place is given back, not held for ever
            throw e;
        }
    }

    @Override
    public long tryTake(String place) {
        long wait = own.tryTake(place);
        if (wait > 0) {
            return wait;
        }
        try {
            wait = takeShared(member(place));
        } catch (RuntimeException e) {
            own.unsent(place);
            throw e;
        }
        if (wait > 0) {
            own.unsent(place);
        }
        return wait;
    }

    /** Takes a place in every shared window for {@code member} and returns 0, or how long until one may free up. */
    private long takeShared(String member) {
        String[] args = new String[2 + limits.size()];
        args[0] = member;
        args[1] = String.valueOf(holdMs);
        for (int i = 0; i < limits.size(); i++) {
            args[2 + i] = limits.get(i);
        }
        return cluster.eval(WindowScripts.TAKE, keys(), args).toLong();
    }

    /**
     * The request was answered: it leaves this instance's windows and the shared ones a period (plus margin) after
     * the server had it, {@code servedMs} before now (in Redis, before Redis's now).
     */
    @Override
    public void answered(String place, long servedMs) {
        own.answered(place, servedMs);
        tellShared(WindowScripts.ANSWERED, place, "answered", String.valueOf(Math.max(0, servedMs)));
    }

    /** The request never went (the breaker refused it): its places here and in Redis are free again at once. */
    @Override
    public void unsent(String place) {
        own.unsent(place);
        tellShared(WindowScripts.UNSENT, place, "not sent");
    }

    /**
     * Tells the shared windows what became of a place. A failure is logged, never thrown: the answer is in hand and
     * must not be thrown away; the place then stays held in Redis until sluice.cluster.hold-ms.
     */
    private void tellShared(String script, String place, String what, String... more) {
        try {
            List<String> keys = keys();
            String[] args = new String[1 + more.length];
            args[0] = member(place);
            System.arraycopy(more, 0, args, 1, more.length);
            cluster.eval(script, keys.subList(1, keys.size()), args);
        } catch (SharedStateException e) {
            LOG.warnf("Could not tell Redis that a request was %s: %s", what, e.getMessage());
        }
    }

    /** Pauses this instance and, through Redis, every other instance of the key (a 429's Retry-After, the quota). */
    @Override
    public boolean pause(long ms) {
        if (!own.pause(ms)) {
            return false;
        }
        try {
            cluster.eval(WindowScripts.PAUSE, keys().subList(0, 1), String.valueOf(ms));
        } catch (SharedStateException e) {
            LOG.warnf("Could not share the pause through Redis: %s", e.getMessage());
        }
        return true;
    }

    @Override
    public long pausedForMs() {
        return own.pausedForMs();
    }

    @Override
    public List<WindowUse> use() {
        return own.use();
    }

    @Override
    public double primaryWindowUsed() {
        return own.primaryWindowUsed();
    }

    /** The shared windows hold every instance's requests: a window the server reports spent is theirs. */
    @Override
    public boolean explainsSpentWindow() {
        return true;
    }

    @Override
    public Optional<QuotaCount> quota() {
        return own.quota();
    }

    @Override
    public void quotaLeft(long left) {
        own.quotaLeft(left);
    }

    @Override
    public void serverCount(int limit, int used, int ours) {
        // the shared windows count every instance of the key; one outside them is seen at X-RateLimit-Remaining 0
    }

    @Override
    public int ownCount() {
        return own.ownCount();
    }

    /** Empties the shared windows and pause (tests, and an operator starting over after a plan change). */
    public void clear() {
        cluster.execute("DEL", keys().toArray(String[]::new));
    }

    private String member(String place) {
        return cluster.instance() + ":" + place;
    }
}
