package io.pdfsluice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pdfsluice.e2e.Folders;
import io.pdfsluice.limiter.Budgets;
import io.pdfsluice.limiter.LocalWindows;
import io.pdfsluice.limiter.Windows;
import io.pdfsluice.limiter.WindowsContract;
import io.pdfsluice.plan.Plan;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The windows every instance of a key shares, in the real Redis on 127.0.0.1:6379, through the same contract as the
 * local ones (each windows of a test on a key of its own), and then as several instances in one JVM (each its own
 * instance id, as separate processes have): many threads, one instance's 429 pause, a dead instance's places.
 */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "redis-windows"),
        @ResourceArg(name = "sluice.cluster.enabled", value = "true"),
        @ResourceArg(name = "sluice.redis.port", value = "6379"),
        @ResourceArg(name = "sluice.cluster.name", value = "redis-windows-test") })
class RedisWindowsTest extends WindowsContract {

    @Inject
    Cluster cluster;

    @Override
    protected Windows windows(String limits) {
        return instanceOf(cluster.siblingOfKey("windows-test-" + UUID.randomUUID()), limits, 60_000);
    }

    @Override
    protected Windows windowsInRealTime(String limits) {
        return windows(limits);
    }

    @Override
    protected void passes(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    /** One instance's windows of a key: its own, then the shared ones. */
    private static RedisWindows instanceOf(Cluster instance, String limits, long holdMs) {
        Plan plan = Plan.of("custom", limits);
        return new RedisWindows(instance, plan, 0, holdMs, 20, new LocalWindows(plan, 0, System::currentTimeMillis));
    }

    /** {@code n} instances of one new key, each with its own (empty) windows. */
    private List<RedisWindows> instancesOfOneKey(int n, String limits, long holdMs) {
        String key = key();
        List<RedisWindows> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            instances.add(instanceOf(cluster.siblingOfKey(key), limits, holdMs));
        }
        return instances;
    }

    private String key() {
        return "windows-test-" + UUID.randomUUID();
    }

    @Test
    void everyProvidersWindowsAreTheSharedOnes() {
        Budgets budgets = io.quarkus.arc.Arc.container().instance(Budgets.class).get();
        assertTrue(budgets.windows("blink|http://127.0.0.1:9|" + key(), Plan.of("pro", null)) instanceof RedisWindows);
    }

    @Test
    void threeInstancesNeverTakeMoreThanTheLimitInAnyPeriod() throws Exception {
        String key = key();
        List<RedisWindows> instances = List.of(instanceOf(cluster.siblingOfKey(key), "20/1s", 60_000),
                instanceOf(cluster.siblingOfKey(key), "20/1s", 60_000),
                instanceOf(cluster.siblingOfKey(key), "20/1s", 60_000));
        List<Long> wireTimes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(100);
        ExecutorService threads = Executors.newFixedThreadPool(18);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 18; t++) {
            RedisWindows mine = instances.get(t % 3);
            work.add(threads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    String place = mine.take();
                    long onWire = System.currentTimeMillis();
                    wireTimes.add(onWire);
                    Thread.sleep(ThreadLocalRandom.current().nextLong(40)); // the request's round trip
                    mine.answered(place);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertEquals(100, wireTimes.size());
        List<Long> sorted = wireTimes.stream().sorted().toList();
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1000) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        assertTrue(most <= 20, "at most 20 in any second across three instances, saw " + most);
        assertEquals(20, most, "a full window goes as one burst (the log admits L at once)");
        assertTrue(sorted.get(99) - sorted.get(0) >= 4000, "100 at 20/s need four more windows after the first");
    }

    @Test
    void anotherInstanceSeesAPlaceLeaveAPeriodAfterTheServerHadIt() throws Exception {
        List<RedisWindows> two = instancesOfOneKey(2, "1/1s", 60_000);
        RedisWindows a = two.get(0);
        RedisWindows b = two.get(1);
        assertEquals(0, a.tryTake("a"));
        Thread.sleep(400);
        a.answered("a", 300); // the server worked on it for the last 300 ms of its 400
        long wait = b.tryTake("b"); // b's own windows are empty: only the shared ones can hold it
        assertTrue(wait > 600 && wait <= 700, "it leaves the shared window 1 s after the server had it: " + wait);
    }

    @Test
    void everyWindowOfThePlanHoldsAtOnceForEveryInstance() {
        String key = key();
        RedisWindows a = instanceOf(cluster.siblingOfKey(key), "3/1s,5/60s", 60_000);
        RedisWindows b = instanceOf(cluster.siblingOfKey(key), "3/1s,5/60s", 60_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, a.tryTake("a" + i));
            a.answered("a" + i);
        }
        assertTrue(b.tryTake("b0") > 0, "the 1 s window is full for every instance");
        assertTrue(a.tryTake("a3") > 0);
        long waitForSecond = b.tryTake("b0");
        assertTrue(waitForSecond <= 1000, "a place frees up within the 1 s window: " + waitForSecond);
    }

    @Test
    void a429PausesEveryInstanceOfTheKey() {
        String key = key();
        RedisWindows a = instanceOf(cluster.siblingOfKey(key), "100/1s", 60_000);
        RedisWindows b = instanceOf(cluster.siblingOfKey(key), "100/1s", 60_000);
        assertEquals(0, b.tryTake("before"));
        a.pause(5_000);
        long wait = b.tryTake("after");
        assertTrue(wait > 4_000 && wait <= 5_000, "the other instance waits out the pause: " + wait);
        a.pause(1_000);
        assertTrue(b.tryTake("after") > 3_000, "a shorter pause never shortens a longer one");
        a.clear();
    }

    @Test
    void aPlaceInFlightIsHeldUntilAnsweredOrUntilHoldRunsOut() throws InterruptedException {
        String key = key();
        RedisWindows dying = instanceOf(cluster.siblingOfKey(key), "2/200ms", 400);
        RedisWindows alive = instanceOf(cluster.siblingOfKey(key), "2/200ms", 400);
        assertEquals(0, dying.tryTake("d1"));
        assertEquals(0, dying.tryTake("d2"));
        Thread.sleep(300); // longer than the period: only being in flight keeps them in the window
        assertTrue(alive.tryTake("x") > 0, "requests never answered still count");
        Thread.sleep(400); // hold + period after they were taken, the dead instance's places are free
        assertEquals(0, alive.tryTake("x"));
    }
}
