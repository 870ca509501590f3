package io.pdfsluice.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The repository of the inbox's read lock (routes/inbox.yaml, readLock=idempotent-changed): a file is taken by the
 * one instance that adds its path first. Alone, a memory repository, let go as soon as the file has been moved to
 * .done/.failed. With several instances watching one shared folder, Redis leases, renewed while the file is in work
 * and deleted sluice.cluster.inbox-lock-release-delay-ms after its move, so that an instance that listed the folder just
 * before the move does not take it again; on shutdown, at once (the file has been moved by then).
 */
@ApplicationScoped
public class InboxLocks {

    private Shared shared;

    @Produces
    @ApplicationScoped
    @Named("inboxLocks")
    IdempotentRepository inboxLocks(Cluster cluster, Leases leases, ClusterConfig config) {
        return inboxLocks(cluster, leases, config.inboxLockReleaseDelayMs());
    }

    IdempotentRepository inboxLocks(Cluster cluster, Leases leases, long releaseDelayMs) {
        if (!cluster.enabled()) {
            return MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        }
        shared = new Shared(cluster, leases, releaseDelayMs);
        return shared;
    }

    @PreDestroy
    void releaseNow() {
        if (shared != null) {
            shared.releaseNow();
        }
    }

    /** Camel's IdempotentRepository on {@link Leases}: add takes the lease, remove lets go of it after the delay. */
    static final class Shared extends ServiceSupport implements IdempotentRepository {

        private final Cluster cluster;
        private final Leases leases;
        private final long releaseDelayMs;
        private final Map<String, String> owners = new ConcurrentHashMap<>();
        private final AtomicLong adds = new AtomicLong();
        /** Lets go of locks after the delay; none when there is no delay. */
        private final ScheduledExecutorService releases;

        Shared(Cluster cluster, Leases leases, long releaseDelayMs) {
            this.cluster = cluster;
            this.leases = leases;
            this.releaseDelayMs = releaseDelayMs;
            this.releases = releaseDelayMs <= 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inbox-lock-release");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public boolean add(String file) {
            String owner = cluster.instance() + "#" + adds.incrementAndGet(); // not re-entrant, even for this instance
            if ("taken".equals(leases.take(cluster.key("lock", file), owner))) {
                owners.put(file, owner);
                return true;
            }
            return false;
        }

        @Override
        public boolean contains(String file) {
            return leases.exists(cluster.key("lock", file));
        }

        @Override
        public boolean remove(String file) {
            String owner = owners.get(file);
            if (owner == null) {
                return false;
            }
            if (releases == null) {
                return release(file, owner);
            }
            releases.schedule(() -> release(file, owner), releaseDelayMs, TimeUnit.MILLISECONDS);
            return true;
        }

        private boolean release(String file, String owner) {
            // held (and renewed) until here; a lease already gone has lapsed, which lets go of it just the same
            return owners.remove(file, owner) && leases.settle(cluster.key("lock", file), owner, null, 0);
        }

        /** Lets go of every lock waiting for its delay. */
        void releaseNow() {
            if (releases != null) {
                releases.shutdownNow();
            }
            owners.forEach((file, owner) -> {
                try {
                    release(file, owner);
                } catch (RuntimeException e) {
                    // Redis gone at shutdown: the lease lapses after sluice.cluster.lease-ms
                }
            });
        }

        @Override
        public boolean confirm(String file) {
            return true;
        }

        @Override
        public void clear() {
            // other instances' locks are theirs; this one's are let go one by one as their files end
        }
    }
}
