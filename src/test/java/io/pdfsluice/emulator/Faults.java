package io.pdfsluice.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The script of how admitted requests are answered: latency, errors, outages, hangs and resets. Every counter and
 * every random draw advances once per admitted request, so a given order of requests always meets the same faults.
 */
final class Faults {

    static final long FOREVER = -1;

    /** What to do with one admitted request. status 0 means answer normally; delayMs is spent before answering. */
    record Plan(boolean reset, long hangMs, long delayMs, int status, String message) {

        boolean hangsForever() {
            return hangMs == FOREVER;
        }
    }

    private record Rejection(Predicate<Recorded> test, int status, String message) {
    }

    private record Outage(long fromMs, long toMs) {
    }

    private long admitted;
    private long meanMs;
    private long jitterMs;
    private Random latencyDraws;
    private int failEvery;
    private int failEveryStatus;
    private double failRate;
    private int failRateStatus;
    private Random failDraws;
    private int hangEvery;
    private long hangMs;
    private int resetEvery;
    private Predicate<Recorded> hangIf = r -> false;
    private final List<Outage> outages = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    synchronized void latency(long mean, long jitter, long seed) {
        meanMs = mean;
        jitterMs = Math.max(0, jitter);
        latencyDraws = new Random(seed);
    }

    synchronized void failEvery(int n, int status) {
        failEvery = n;
        failEveryStatus = status;
    }

    synchronized void failRate(double p, int status, long seed) {
        failRate = p;
        failRateStatus = status;
        failDraws = new Random(seed);
    }

    synchronized void outage(long fromMs, long toMs) {
        outages.add(new Outage(fromMs, toMs));
    }

    synchronized void hangEvery(int n, long ms) {
        hangEvery = n;
        hangMs = ms < 0 ? FOREVER : ms;
    }

    synchronized void hangIf(Predicate<Recorded> test) {
        hangIf = test;
    }

    synchronized void resetEvery(int n) {
        resetEvery = n;
    }

    synchronized void rejectIf(Predicate<Recorded> test, int status, String message) {
        rejections.add(new Rejection(test, status, message));
    }

    synchronized void clear() {
        admitted = 0;
        meanMs = jitterMs = 0;
        latencyDraws = failDraws = null;
        failEvery = failEveryStatus = failRateStatus = hangEvery = resetEvery = 0;
        failRate = 0;
        hangMs = 0;
        hangIf = r -> false;
        outages.clear();
        rejections.clear();
    }

    /** Called exactly once per admitted request, in admission order. */
    synchronized Plan next(Recorded request, long now) {
        long n = ++admitted;
        long delay = latencyDraws == null ? meanMs
                : Math.max(0, meanMs + (jitterMs == 0 ? 0 : latencyDraws.nextLong(-jitterMs, jitterMs + 1)));
        // draw even when another fault wins, so one fault never shifts another's sequence
        boolean unlucky = failDraws != null && failDraws.nextDouble() < failRate;
        if (resetEvery > 0 && n % resetEvery == 0) {
            return new Plan(true, 0, 0, 0, null);
        }
        long hang = hangIf.test(request) ? FOREVER : hangEvery > 0 && n % hangEvery == 0 ? hangMs : 0;
        for (Outage o : outages) {
            if (now >= o.fromMs() && now < o.toMs()) {
                return new Plan(false, hang, delay, 503, "The service is temporarily unavailable.");
            }
        }
        for (Rejection r : rejections) {
            if (r.test().test(request)) {
                return new Plan(false, hang, delay, r.status(), r.message());
            }
        }
        if (failEvery > 0 && n % failEvery == 0) {
            return new Plan(false, hang, delay, failEveryStatus, "Injected failure on request " + n + ".");
        }
        if (unlucky) {
            return new Plan(false, hang, delay, failRateStatus, "Injected random failure on request " + n + ".");
        }
        return new Plan(false, hang, delay, 0, null);
    }
}
