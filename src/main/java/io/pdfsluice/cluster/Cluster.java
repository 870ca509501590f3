package io.pdfsluice.cluster;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pdfsluice.limiter.Budgets;
import io.pdfsluice.limiter.DurableWindows;
import io.pdfsluice.limiter.LocalWindows;
import io.pdfsluice.limiter.SharedStateException;
import io.pdfsluice.limiter.Windows;
import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.PlanConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Whether this instance is one of several (sluice.cluster.enabled) and, if so, the Redis they share: the plan's
 * windows ({@link RedisWindows}), document claims ({@link Claims}) and inbox read locks ({@link InboxLocks}).
 * Alone, an instance needs no Redis at all and nothing here connects.
 *
 * Keys: {@code sluice:{<api>}:w<n>} and {@code :pause} for the budget, where &lt;api&gt; is a hash of provider,
 * URL and key (never the key itself), so instances that share a key share its budget; {@code sluice:<name>:claim:}
 * and {@code :lock:} for claims and locks, per sluice.cluster.name.
 */
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class);

    private final boolean enabled;
    private final String name;
    private final String instance;
    private final String budgetPrefix;
    private final Instance<RedisDataSource> redis;

    @Inject
    public Cluster(ClusterConfig config, Instance<RedisDataSource> redis) {
        this(config.enabled(), config.name(), budgetPrefix("default"), redis);
        if (enabled) {
            LOG.infof("Cluster %s: instance %s shares the plan's budget, claims and inbox locks in Redis", name,
                    instance);
        }
    }

    private Cluster(boolean enabled, String name, String budgetPrefix, Instance<RedisDataSource> redis) {
        this(enabled, name, budgetPrefix, redis,
                ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private Cluster(boolean enabled, String name, String budgetPrefix, Instance<RedisDataSource> redis,
            String instance) {
        this.enabled = enabled;
        this.name = name;
        this.budgetPrefix = budgetPrefix;
        this.redis = redis;
        this.instance = instance;
    }

    /** Another instance of the same cluster on the same Redis, as a test needs several in one JVM. */
    Cluster sibling() {
        return new Cluster(enabled, name, budgetPrefix, redis);
    }

    /** Another instance on the same Redis whose budget is that of another API key (tests keep theirs apart). */
    Cluster siblingOfKey(String api) {
        return new Cluster(enabled, name, budgetPrefix(api), redis);
    }

    /**
     * The windows of each provider's plan that this instance takes a place in before every request: its own when it
     * is alone, the ones every instance of the same key shares in Redis when it is one of several.
     */
    @Produces
    @Singleton
    Budgets budgets(PlanConfig planConfig, ClusterConfig config, @ConfigProperty(name = "sluice.state") Path state) {
        return new Budgets() {
            @Override
            public Windows windows(String api, Plan plan) {
                if (!enabled && plan.name().equals("engine")) {
                    return new LocalWindows(plan, planConfig.marginMs(), System::currentTimeMillis); // nothing to keep
                }
                if (!enabled) {
                    // alone: the windows survive a restart in the budget's ledger
                    return new DurableWindows(plan, planConfig.marginMs(),
                            state.resolve("budget-" + fingerprint(api) + ".ledger"), System::currentTimeMillis);
                }
                LocalWindows own = new LocalWindows(plan, planConfig.marginMs(), System::currentTimeMillis);
                Cluster ofKey = new Cluster(enabled, name, budgetPrefix(fingerprint(api)), redis, instance);
                return new RedisWindows(ofKey, plan, planConfig.marginMs(), config.holdMs(), config.pollMs(), own);
            }

            @Override
            public Path learnedPlan(String api) {
                return state.resolve("learned-" + fingerprint(api) + ".plan");
            }
        };
    }

    private static String budgetPrefix(String api) {
        return "sluice:{" + api + "}:";
    }

    public boolean enabled() {
        return enabled;
    }

    /** This instance's name among the others, as owner of its claims. */
    public String instance() {
        return instance;
    }

    String budgetKey(String suffix) {
        return budgetPrefix + suffix;
    }

    String key(String kind, String id) {
        return "sluice:" + name + ":" + kind + ":" + id;
    }

    /** Runs a Lua script atomically in Redis. */
    Response eval(String script, java.util.List<String> keys, String... args) {
        String[] command = new String[2 + keys.size() + args.length];
        command[0] = script;
        command[1] = String.valueOf(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            command[2 + i] = keys.get(i);
        }
        System.arraycopy(args, 0, command, 2 + keys.size(), args.length);
        return execute("EVAL", command);
    }

    Response execute(String command, String... args) {
        try {
            return redis.get().execute(command, args);
        } catch (RuntimeException e) {
            throw new SharedStateException("Redis (sluice.redis.*) failed on " + command + ": " + e.getMessage(), e);
        }
    }

    static String fingerprint(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
