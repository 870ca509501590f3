package io.pdfsluice.cluster;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Several instances sharing one API key's budget, document claims and inbox read locks in Redis
 * ({@code sluice.cluster.*}). The knobs an operator sets have their defaults in application.properties; the
 * internals below them have theirs here. Where Redis is: {@code sluice.redis.*}, in application.properties.
 */
@ConfigMapping(prefix = "sluice.cluster")
public interface ClusterConfig {

    /** {@code sluice.cluster.enabled}: false, this instance is alone and needs no Redis; true, one of several. */
    boolean enabled();

    /** {@code sluice.cluster.name}: instances that write the same outbox share claims and locks under this name. */
    String name();

    /**
     * {@code sluice.cluster.lease-ms}: a claim or inbox lock lives this long unless renewed, so a crashed instance
     * lets go of its documents and files this soon.
     */
    long leaseMs();

    /** {@code sluice.cluster.done-ttl-ms}: how long every instance remembers a delivered document. */
    long doneTtlMs();

    /**
     * {@code sluice.cluster.renew-every}: how often held leases are renewed. Unset: a third of
     * {@link #leaseMs()}, so that it follows the lease.
     */
    Optional<Duration> renewEvery();

    /**
     * {@code sluice.cluster.claim-wait-ms}: the longest a document waits for another instance that works on the same
     * document id; as long as a document may wait for 429s and outages.
     */
    @WithDefault("${sluice.retry.max-wait-ms}")
    long claimWaitMs();

    /**
     * {@code sluice.cluster.hold-ms}: the longest a request holds its place in the shared windows before it is
     * answered, so that a crashed instance's places free up after this.
     */
    @WithDefault("300000")
    long holdMs();

    /** {@code sluice.cluster.poll-ms}: how often a request waiting for a place in the shared windows asks again. */
    @WithDefault("100")
    long pollMs();

    /**
     * {@code sluice.cluster.inbox-lock-release-delay-ms}: once a file has been moved to .done/.failed, its shared read
     * lock is let go this much later, so that an instance that listed the folder just before the move does not take
     * it again. (A lone instance lets go at once; so does every instance as it shuts down.)
     */
    @WithDefault("5000")
    long inboxLockReleaseDelayMs();
}
