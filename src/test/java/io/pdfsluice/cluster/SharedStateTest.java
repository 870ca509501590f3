package io.pdfsluice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import io.pdfsluice.e2e.Folders;
import io.pdfsluice.plan.Plan;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The state several instances share in the real Redis on 127.0.0.1:6379, with three instances in one JVM (each its
 * own instance id, as separate processes have): the plan's windows under many threads, the 429 pause, a dead
 * instance's places, claims and the inbox read lock. ClusterIT runs three real processes end to end.
 */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "shared-state"),
        @ResourceArg(name = "sluice.cluster.enabled", value = "true"),
        @ResourceArg(name = "sluice.redis.port", value = "6379"),
        @ResourceArg(name = "sluice.cluster.name", value = "shared-state-test"),
        @ResourceArg(name = "sluice.cluster.lease-ms", value = "1500") })
class SharedStateTest {

    @Inject
    Cluster cluster;

    private SharedWindows windows(Cluster c, String limits, long holdMs) {
        return new SharedWindows(c, Plan.of("custom", limits), 0, holdMs, 20);
    }

    @Test
    void threeInstancesNeverTakeMoreThanTheLimitInAnyPeriod() throws Exception {
        List<SharedWindows> instances = List.of(windows(cluster.sibling(), "20/1s", 60_000),
                windows(cluster.sibling(), "20/1s", 60_000), windows(cluster.sibling(), "20/1s", 60_000));
        instances.get(0).clear();
        List<Long> wireTimes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(100);
        ExecutorService threads = Executors.newFixedThreadPool(18);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 18; t++) {
            SharedWindows mine = instances.get(t % 3);
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
    void everyWindowOfThePlanHoldsAtOnce() {
        SharedWindows a = windows(cluster.sibling(), "3/1s,5/60s", 60_000);
        SharedWindows b = windows(cluster.sibling(), "3/1s,5/60s", 60_000);
        a.clear();
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
        SharedWindows a = windows(cluster.sibling(), "100/1s", 60_000);
        SharedWindows b = windows(cluster.sibling(), "100/1s", 60_000);
        a.clear();
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
        SharedWindows dying = windows(cluster.sibling(), "2/200ms", 400);
        SharedWindows alive = windows(cluster.sibling(), "2/200ms", 400);
        dying.clear();
        assertEquals(0, dying.tryTake("d1"));
        assertEquals(0, dying.tryTake("d2"));
        Thread.sleep(300); // longer than the period: only being in flight keeps them in the window
        assertTrue(alive.tryTake("x") > 0, "requests never answered still count");
        Thread.sleep(400); // hold + period after they were taken, the dead instance's places are free
        assertEquals(0, alive.tryTake("x"));
    }

    @Test
    void aLeaseIsOneOwnersAndLapsesWhenNotRenewed() throws InterruptedException {
        Leases a = new Leases(cluster.sibling(), 600);
        Leases b = new Leases(cluster.sibling(), 600);
        String key = cluster.key("claim", "lease-test-" + System.nanoTime());
        assertEquals("taken", a.take(key, "A"));
        assertEquals("A", b.take(key, "B"), "someone else's lease tells who holds it");
        assertFalse(b.settle(key, "B", null, 0), "only the owner lets go");
        Thread.sleep(900);
        assertEquals("taken", b.take(key, "B"), "an owner that stopped renewing lost it");
        b.renew();
        assertTrue(b.settle(key, "B", "done", 60_000));
        assertEquals("done", a.take(key, "A"), "a delivered document stays delivered");
    }

    @Test
    void renewedLeasesOutliveTheirTimeToLive() throws InterruptedException {
        Leases a = new Leases(cluster.sibling(), 600);
        String key = cluster.key("lock", "renew-test-" + System.nanoTime());
        assertEquals("taken", a.take(key, "A"));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(200);
            a.renew();
        }
        assertEquals("A", new Leases(cluster.sibling(), 600).take(key, "B"), "held for 1 s on a 600 ms lease");
        a.settle(key, "A", null, 0);
    }

    @Test
    void theInboxReadLockLetsOneInstanceTakeAFile() {
        Cluster one = cluster.sibling();
        Cluster two = cluster.sibling();
        InboxLocks locks = new InboxLocks();
        locks.releaseDelayMs = 0;
        IdempotentRepository first = locks.inboxLocks(one, new Leases(one, 30_000));
        IdempotentRepository second = locks.inboxLocks(two, new Leases(two, 30_000));
        String file = "/shared/inbox/file-" + System.nanoTime() + ".jsonl";
        assertTrue(first.add(file));
        assertFalse(second.add(file), "the other instance does not take it");
        assertFalse(first.add(file), "nor the same instance twice");
        assertTrue(second.contains(file));
        assertTrue(first.remove(file));
        assertFalse(second.contains(file));
        assertTrue(second.add(file), "once let go, a file of that name can be taken again");
        assertTrue(second.remove(file));
        assertNotEquals(one.instance(), two.instance());
    }

    @Test
    void aFinishedFileStaysLockedForTheReleaseDelayThenIsLetGo() throws Exception {
        Cluster one = cluster.sibling();
        Cluster two = cluster.sibling();
        InboxLocks locks = new InboxLocks();
        locks.releaseDelayMs = 400;
        IdempotentRepository first = locks.inboxLocks(one, new Leases(one, 30_000));
        IdempotentRepository second = new InboxLocks().inboxLocks(two, new Leases(two, 30_000));
        String file = "/shared/inbox/delayed-" + System.nanoTime() + ".jsonl";
        assertTrue(first.add(file));
        assertTrue(first.remove(file));
        assertFalse(second.add(file), "an instance that listed the folder before the move does not take it");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !second.contains(file));
        assertTrue(second.add(file), "after the delay, a new file of that name can be taken");
        second.remove(file);

        String other = "/shared/inbox/shutdown-" + System.nanoTime() + ".jsonl";
        locks.releaseDelayMs = 60_000;
        IdempotentRepository slow = locks.inboxLocks(one, new Leases(one, 30_000));
        assertTrue(slow.add(other));
        assertTrue(slow.remove(other));
        assertTrue(second.contains(other));
        locks.releaseNow();
        assertFalse(second.contains(other), "on shutdown a moved file's lock is let go at once");
    }
}
