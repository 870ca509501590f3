package io.pdfsluice.limiter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.Window;

/**
 * The plan an API's answer tells, when no sluice.plan says it: {@code X-RateLimit-Limit} requests per window, the
 * window being how far off {@code X-RateLimit-Reset} is for a key that has just sent its first request. Reset is
 * read in whole seconds (vendors round it), so the period is rounded up to a second, and taken to be the usual period
 * it is within 5 % of (60 s for a Reset 61 s off): vendors sell per second, minute, hour and day.
 */
final class LearnedPlan {

    private static final Logger LOG = Logger.getLogger(LearnedPlan.class);

    static final List<Long> USUAL_PERIODS_S = List.of(1L, 2L, 5L, 10L, 15L, 20L, 30L, 60L, 120L, 300L, 600L, 900L,
            1800L, 3600L, 86_400L);

    private LearnedPlan() {
    }

    /** The window an answer tells, at {@code now}; empty when it carries no readable Limit and Reset. */
    static Optional<Window> of(RateLimitHeaders answer, long now) {
        OptionalInt limit = answer.limitCount();
        OptionalLong reset = answer.resetAtMs(now);
        if (limit.isEmpty() || limit.getAsInt() < 1 || reset.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (reset.getAsLong() - now + 999) / 1000);
        for (long usual : USUAL_PERIODS_S) {
            if (Math.abs(seconds - usual) <= usual * 0.05) {
                seconds = usual;
                break;
            }
        }
        return Optional.of(new Window(limit.getAsInt(), seconds * 1000));
    }

    /**
     * A window learned from one answer is as long as its Reset was off: right for a sliding window, short for one
     * the server counts in fixed periods (a minute from :00) when the first request came late in the period. A later
     * answer whose Reset is further off says so: warns, and returns true. The 429s' Retry-After then keeps
     * pdf-sluice inside the plan.
     */
    static boolean warnedLonger(String provider, RateLimitHeaders headers, Plan plan, long now) {
        if (!plan.name().equals("learned")) {
            return false;
        }
        Optional<Window> longer = of(headers, now).filter(w -> w.periodMs() > plan.primary().periodMs() + 1_000);
        longer.ifPresent(w -> LOG.warnf("The API of %s now says its window resets %d s from now, longer than the %s "
                + "learned: it may count in fixed periods. Set sluice.plan or sluice.plan.limits to the key's plan",
                provider, w.periodMs() / 1000, plan.primary()));
        return longer.isPresent();
    }

    static Plan plan(Window window) {
        return new Plan("learned", List.of(window));
    }

    /** The plan learned in an earlier run, from {@code memory}; empty when there is none (or it cannot be read). */
    static Optional<Plan> remembered(Path memory) {
        try {
            if (memory == null || !Files.isRegularFile(memory)) {
                return Optional.empty();
            }
            return Optional.of(plan(Window.parse(Files.readString(memory, StandardCharsets.UTF_8).trim())));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Could not read the plan learned in an earlier run (%s): %s; learning it again", memory,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Remembers the window learned for the next run; a failure only means that it learns again. */
    static void remember(Path memory, Window window) {
        if (memory == null) {
            return;
        }
        try {
            Files.createDirectories(memory.getParent());
            Files.writeString(memory, window + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("Could not remember the plan learned in %s: %s; the next run learns it again", memory,
                    e.getMessage());
        }
    }
}
