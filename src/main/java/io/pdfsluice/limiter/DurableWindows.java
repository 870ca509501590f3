package io.pdfsluice.limiter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.pdfsluice.plan.Plan;

/**
 * A lone instance's windows that survive a restart: its own {@link LocalWindows}, with every place written to the
 * budget's {@link Ledger} before its request goes, and restored from it at start-up. A restart after kill -9, or the
 * next run of a cron job, takes up the windows where the last run left them, so it sends no request that its own
 * history would make a 429. (With several instances, the shared windows in Redis do this.)
 */
public final class DurableWindows implements Windows {

    private final LocalWindows own;
    private final Ledger ledger;
    private final LongSupplier clock;

    /** @param file the budget's ledger, e.g. outbox/.state/budget-&lt;hash&gt;.ledger */
    public DurableWindows(Plan plan, long marginMs, Path file, LongSupplier clock) {
        this.clock = clock;
        this.own = new LocalWindows(plan, marginMs, clock);
        long longest = plan.windows().stream().mapToLong(w -> w.periodMs()).max().orElse(0) + marginMs;
        int places = plan.windows().stream().mapToInt(w -> w.limit()).max().orElse(0);
        this.ledger = new Ledger(file, longest, 4 * places);
        own.restore(ledger.restore(clock.getAsLong()));
    }

    @Override
    public String take() throws InterruptedException {
        String place = own.take();
        record(place);
        return place;
    }

    @Override
    public long tryTake(String place) {
        long wait = own.tryTake(place);
        if (wait == 0) {
            record(place);
        }
        return wait;
    }

    private void record(String place) {
        try {
            ledger.taken(place, clock.getAsLong());
        } catch (RuntimeException e) {
            own.unsent(place); // not on disk: the request does not go, the place is free again
            throw new SharedStateException(e.getMessage(), e);
        }
    }

    @Override
    public void answered(String place, long servedMs) {
        own.answered(place, servedMs);
        ledger.answered(place, clock.getAsLong() - Math.max(0, servedMs));
    }

    @Override
    public void unsent(String place) {
        own.unsent(place);
        ledger.unsent(place);
    }

    @Override
    public boolean pause(long ms) {
        return own.pause(ms);
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

    @Override
    public boolean explainsSpentWindow() {
        return own.explainsSpentWindow();
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
        own.serverCount(limit, used, ours);
    }

    @Override
    public int ownCount() {
        return own.ownCount();
    }
}
