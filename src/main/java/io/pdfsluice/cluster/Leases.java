package io.pdfsluice.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

/**
 * Keys this instance holds in Redis for as long as it works on something (a document's claim, an inbox file's read
 * lock). Each is set with a time to live of sluice.cluster.lease-ms and renewed every sluice.cluster.renew-every (a
 * third of lease-ms unless set) while held, so a crashed instance lets go within lease-ms, and a live one keeps a file for as
 * long as a million-record manifest
 * takes. Every change checks the owner first, in one script, so no instance can touch another's key.
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);

    /** KEYS[1]; ARGV[1] owner, ARGV[2] ms. Returns 'taken', or what the key holds: another owner, or 'done'. */
    static final String TAKE = """
            local v = redis.call('GET', KEYS[1])
            if v == false or v == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 'taken'
            end
            return v
            """;

    /** KEYS[1]; ARGV[1] owner, ARGV[2] new value or '' to delete, ARGV[3] ms to live (0: keep none). */
    static final String SETTLE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1]) return 1 end
            if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            else redis.call('SET', KEYS[1], ARGV[2]) end
            return 1
            """;

    /** KEYS held; ARGV[1] owner, ARGV[2] ms. */
    static final String RENEW = """
            local n = 0
            for i = 1, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then
                redis.call('PEXPIRE', KEYS[i], ARGV[2])
                n = n + 1
              end
            end
            return n
            """;

    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final Cluster cluster;
    private final long leaseMs;
    private final Duration renewEvery;

    @Inject
    public Leases(Cluster cluster, ClusterConfig config) {
        this(cluster, config.leaseMs(), config.renewEvery().orElse(renewEvery(config.leaseMs())));
    }

    Leases(Cluster cluster, long leaseMs) {
        this(cluster, leaseMs, renewEvery(leaseMs));
    }

    private Leases(Cluster cluster, long leaseMs, Duration renewEvery) {
        this.cluster = cluster;
        this.leaseMs = leaseMs;
        this.renewEvery = renewEvery;
    }

    /** Unless set, leases are renewed three times per lease, so a late renewal or two still keeps them. */
    static Duration renewEvery(long leaseMs) {
        return Duration.ofMillis(Math.max(1, leaseMs / 3));
    }

    /** With several instances, renews the held leases every sluice.cluster.renew-every from start-up on. */
    void scheduleRenewals(@Observes StartupEvent start, Scheduler scheduler) {
        if (!cluster.enabled()) {
            return;
        }
        scheduler.newJob(Leases.class.getName()).setInterval(renewEvery.toString())
                .setSkipPredicate(Scheduled.ApplicationNotRunning.class).setTask(execution -> renew()).schedule();
    }

    Duration renewInterval() {
        return renewEvery;
    }

    /** Takes the key for {@code owner}; returns "taken", or the value that keeps it: another owner, or "done". */
    String take(String key, String owner) {
        String answer = cluster.eval(TAKE, List.of(key), owner, String.valueOf(leaseMs)).toString();
        if ("taken".equals(answer)) {
            held.put(key, owner);
        }
        return answer;
    }

    /** Lets go of a held key: deletes it, or leaves {@code value} in it for {@code ttlMs} (0: for good). */
    boolean settle(String key, String owner, String value, long ttlMs) {
        boolean settled = cluster.eval(SETTLE, List.of(key), owner, value == null ? "" : value, String.valueOf(ttlMs))
                .toLong() == 1;
        held.remove(key, owner); // only once Redis has it: until then the lease is still renewed
        return settled;
    }

    boolean exists(String key) {
        return cluster.execute("EXISTS", key).toLong() == 1;
    }

    void renew() {
        if (!cluster.enabled() || held.isEmpty()) {
            return;
        }
        Map<String, List<String>> byOwner = new HashMap<>();
        held.forEach((key, owner) -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(key));
        try {
            byOwner.forEach((owner, keys) -> cluster.eval(RENEW, keys, owner, String.valueOf(leaseMs)));
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew %d leases in Redis: %s", held.size(), e.getMessage());
        }
    }
}
