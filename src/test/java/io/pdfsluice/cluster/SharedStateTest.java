package io.pdfsluice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pdfsluice.e2e.Folders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The state several instances share in the real Redis on 127.0.0.1:6379, with several instances in one JVM (each its
 * own instance id, as separate processes have): leases (claims) and the inbox read lock; the plan's windows are in
 * RedisWindowsTest. ClusterIT runs three real processes end to end.
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
    @Inject
    Leases leases;

    @Test
    void leasesAreRenewedAThirdOfTheirLeaseApartUnlessSet() {
        assertEquals(Duration.ofMillis(500), leases.renewInterval(), "sluice.cluster.lease-ms=1500 here");
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
        IdempotentRepository first = locks.inboxLocks(one, new Leases(one, 30_000), 0);
        IdempotentRepository second = locks.inboxLocks(two, new Leases(two, 30_000), 0);
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
        IdempotentRepository first = locks.inboxLocks(one, new Leases(one, 30_000), 400);
        IdempotentRepository second = new InboxLocks().inboxLocks(two, new Leases(two, 30_000), 0);
        String file = "/shared/inbox/delayed-" + System.nanoTime() + ".jsonl";
        assertTrue(first.add(file));
        assertTrue(first.remove(file));
        assertFalse(second.add(file), "an instance that listed the folder before the move does not take it");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !second.contains(file));
        assertTrue(second.add(file), "after the delay, a new file of that name can be taken");
        second.remove(file);

        String other = "/shared/inbox/shutdown-" + System.nanoTime() + ".jsonl";
        IdempotentRepository slow = locks.inboxLocks(one, new Leases(one, 30_000), 60_000);
        assertTrue(slow.add(other));
        assertTrue(slow.remove(other));
        assertTrue(second.contains(other));
        locks.releaseNow();
        assertFalse(second.contains(other), "on shutdown a moved file's lock is let go at once");
    }
}
