package io.pdfsluice.limiter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.Window;

/**
 * The windows of a hosted API whose plan no sluice.plan gives: learned from its first answer. Until then one request
 * at a time goes; the first answer that carries {@code X-RateLimit-Limit} and {@code -Reset} sets the window
 * ({@link LearnedPlan}), counted from what the server says is already used ({@code Limit - Remaining}, the key's
 * other clients included), and every later request takes its place in the windows of that plan, kept as any plan's
 * are (the ledger, or Redis). An API whose answer carries no such headers is paced at the ceiling (the largest
 * preset's rate) and its 429s' Retry-After, with a warning to set sluice.plan.
 *
 * The plan learned is remembered in the state folder, so that a restart paces from its first request (a probe
 * would be one request more than the windows the ledger restores allow). Delete the file, or set sluice.plan, when
 * the key's plan changes.
 */
public final class LearningWindows implements Windows {

    private static final Logger LOG = Logger.getLogger(LearningWindows.class);

    private final String provider;
    private final Plan ceiling;
    private final Function<Plan, Windows> budget;
    private final Path memory;
    private final LongSupplier clock;
    private volatile Windows learned;
    private volatile Plan planLearned;
    private volatile boolean warnedLonger;
    private String probe;
    private long probes;
    private long pausedUntil;

    /**
     * @param ceiling the plan that paces an API whose answers tell nothing
     * @param budget the windows of a plan, kept as every plan's are
     * @param memory where the plan learned is remembered
     */
    public LearningWindows(String provider, Plan ceiling, Function<Plan, Windows> budget, Path memory,
            LongSupplier clock) {
        this.provider = provider;
        this.ceiling = ceiling;
        this.budget = budget;
        this.memory = memory;
        this.clock = clock;
        LearnedPlan.remembered(memory).ifPresent(plan -> {
            planLearned = plan;
            LOG.infof("Plan of %s as learned from its answers in an earlier run: %s (%s; set sluice.plan, or delete "
                    + "the file, when the key's plan changes)", provider, plan.windows(), memory);
            learned = budget.apply(plan);
        });
    }

    /** The plan learned, once it is; empty while the first answer is awaited. */
    public Optional<Plan> plan() {
        return learned == null ? Optional.empty() : Optional.ofNullable(planLearned);
    }

    /**
     * Reads an answer: the first one with the rate-limit headers sets the plan. A 2xx or a 4xx other than 429
     * without them says the API tells nothing: the ceiling paces it. A 429 or an outage without them tells nothing
     * yet, and the next request probes again.
     */
    public void answer(int status, RateLimitHeaders headers) {
        if (learned != null) {
            checkLonger(headers);
            return;
        }
        synchronized (this) {
            if (learned != null) {
                return;
            }
            long now = clock.getAsLong();
            Optional<Window> window = LearnedPlan.of(headers, now);
            Plan plan;
            int seen = 1;
            if (window.isPresent()) {
                plan = LearnedPlan.plan(window.get());
                seen = headers.remainingCount().isPresent()
                        ? Math.max(1, window.get().limit() - headers.remainingCount().getAsInt())
                        : 1;
                LOG.infof("Learned the plan of %s from its answer: %s (X-RateLimit-Limit %s, X-RateLimit-Reset %s, "
                        + "%d used); set sluice.plan or sluice.plan.limits to say it instead", provider,
                        window.get(), headers.limit(), headers.reset(), seen);
                LearnedPlan.remember(memory, window.get());
            } else if (status == 429 || status == 408 || status >= 500 || status == 0) {
                return;
            } else {
                plan = ceiling;
                LOG.warnf("The answers of %s carry no X-RateLimit-Limit and X-RateLimit-Reset: pacing at %s and its "
                        + "429s' Retry-After. Set sluice.plan (or sluice.plan.limits) to the key's plan", provider,
                        ceiling.windows());
            }
            if (probe != null) {
                seen++; // a probe sent after this answer's went: its place is in no window yet
            }
            Windows windows = budget.apply(plan);
            for (int i = 0; i < Math.min(seen, plan.primary().limit()); i++) {
                String place = "seen-" + i; // the probe, and what the key's other clients sent in its window
                if (windows.tryTake(place) == 0) {
                    windows.answered(place);
                }
            }
            windows.pause(pausedUntil - now);
            planLearned = plan;
            learned = windows;
            notifyAll();
        }
    }

    /** A later answer that shows a longer window than the one learned is warned about once (LearnedPlan). */
    private void checkLonger(RateLimitHeaders headers) {
        Plan plan = planLearned;
        if (!warnedLonger && plan != null) {
            warnedLonger = LearnedPlan.warnedLonger(provider, headers, plan, clock.getAsLong());
        }
    }

    @Override
    public String take() throws InterruptedException {
        synchronized (this) {
            while (learned == null) {
                long wait = tryTakeProbe("probe-" + (probes + 1));
                if (wait == 0) {
                    probes++;
                    return probe;
                }
                wait(Math.min(wait, 1_000));
            }
        }
        return learned.take();
    }

    @Override
    public long tryTake(String place) {
        Windows windows = learned;
        if (windows != null) {
            return windows.tryTake(place);
        }
        synchronized (this) {
            return learned != null ? learned.tryTake(place) : tryTakeProbe(place);
        }
    }

    /** While learning: one request at a time, none during a pause. Call holding the lock. */
    private long tryTakeProbe(String place) {
        long wait = Math.max(pausedUntil - clock.getAsLong(), 0);
        if (wait > 0) {
            return wait;
        }
        if (probe != null) {
            return 100;
        }
        probe = place;
        return 0;
    }

    @Override
    public void answered(String place, long servedMs) {
        if (!settleProbe(place)) {
            learned.answered(place, servedMs);
        }
    }

    @Override
    public void unsent(String place) {
        if (!settleProbe(place)) {
            learned.unsent(place);
        }
    }

    private synchronized boolean settleProbe(String place) {
        if (!place.equals(probe)) {
            return learned == null; // not the probe: the learned windows hold it, if anything does
        }
        probe = null;
        notifyAll();
        return true;
    }

    @Override
    public boolean pause(long ms) {
        Windows windows = learned;
        if (windows != null) {
            return windows.pause(ms);
        }
        synchronized (this) {
            long until = clock.getAsLong() + ms;
            if (ms <= 0 || until <= pausedUntil) {
                return false;
            }
            pausedUntil = until;
            notifyAll();
            return true;
        }
    }

    @Override
    public long pausedForMs() {
        return learned().map(Windows::pausedForMs).orElseGet(() -> Math.max(0, pausedUntil - clock.getAsLong()));
    }

    @Override
    public double primaryWindowUsed() {
        return learned().map(Windows::primaryWindowUsed).orElse(0.0);
    }

    @Override
    public List<WindowUse> use() {
        return learned().map(Windows::use).orElse(List.of());
    }

    @Override
    public boolean explainsSpentWindow() {
        return learned().map(Windows::explainsSpentWindow).orElse(true);
    }

    @Override
    public Optional<QuotaCount> quota() {
        return learned().flatMap(Windows::quota);
    }

    @Override
    public void quotaLeft(long left) {
        learned().ifPresent(w -> w.quotaLeft(left));
    }

    @Override
    public void serverCount(int limit, int used, int ours) {
        learned().ifPresent(w -> w.serverCount(limit, used, ours));
    }

    @Override
    public int ownCount() {
        return learned().map(Windows::ownCount).orElse(0);
    }

    /** The windows of the plan learned, once the first answer has told it. */
    private Optional<Windows> learned() {
        return Optional.ofNullable(learned);
    }
}
