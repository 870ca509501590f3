package io.pdfsluice.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The repository of the inbox's read lock (routes/inbox.yaml, readLock=idempotent-changed): a file is taken by the
 * one instance that adds its path first. Alone, a memory repository; with several instances watching one shared
 * folder, Redis leases, renewed while the file is in work and deleted (after sluice.inbox.lock-release-delay-ms) once
 * it has been moved to .done/.failed.
 */
@ApplicationScoped
public class InboxLocks {

    @Produces
    @ApplicationScoped
    @Named("inboxLocks")
    IdempotentRepository inboxLocks(Cluster cluster, Leases leases) {
        if (!cluster.enabled()) {
            return MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        }
        return new Shared(cluster, leases);
    }

    /** Camel's IdempotentRepository on {@link Leases}: add takes the lease, remove lets go of it. */
    static final class Shared extends ServiceSupport implements IdempotentRepository {

        private final Cluster cluster;
        private final Leases leases;
        private final java.util.Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong adds = new java.util.concurrent.atomic.AtomicLong();

        Shared(Cluster cluster, Leases leases) {
            this.cluster = cluster;
            this.leases = leases;
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
            String owner = owners.remove(file);
            return owner != null && leases.settle(cluster.key("lock", file), owner, null, 0);
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
