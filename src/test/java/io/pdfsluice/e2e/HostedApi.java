package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.plan.Plan;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A hosted-API test setup: fresh folders plus the rate-limited emulator on loopback, with pdf-sluice pointed at it
 * with a key. Args: name (folders), provider, plan limits (optional; plan=learn sets no plan), and any sluice.* key
 * as configuration.
 */
public class HostedApi implements QuarkusTestResourceLifecycleManager {

    public static final String KEY = "sk_test_0123456789abcdef";
    /** An argument's value that stands for the emulator's URL. */
    public static final String EMULATOR = "@emulator";
    private static volatile ApiEmulator emulator;

    private final Folders folders = new Folders();
    private Map<String, String> args = Map.of();

    /** The emulator of the running test class. */
    public static ApiEmulator emulator() {
        return emulator;
    }

    /** The emulator of the running test class, back to a fresh start that requires the key, for one test. */
    public static ApiEmulator freshEmulator() {
        emulator.reset();
        return emulator.requireKey(KEY);
    }

    @Override
    public void init(Map<String, String> args) {
        this.args = args;
        folders.init(args);
    }

    @Override
    public Map<String, String> start() {
        emulator = ApiEmulator.start().requireKey(KEY);
        Map<String, String> config = new HashMap<>(folders.start());
        config.put("sluice.provider", args.getOrDefault("provider", "blink"));
        config.put("sluice.api.url", emulator.url());
        config.put("sluice.api.key", KEY);
        if (Plan.LEARN.equals(args.get("plan"))) {
            // what an unset sluice.plan derives for a hosted API (the derivation cannot see a test resource's values)
            config.put("sluice.plan", Plan.LEARN);
        } else {
            config.put("sluice.plan", "custom");
            config.put("sluice.plan.limits", args.getOrDefault("limits", "600/60s"));
        }
        config.put("sluice.retry.base-ms", "50");
        config.put("sluice.breaker.open-ms", "500");
        config.put("sluice.breaker.minimum-calls", "5");
        config.put("sluice.api.response-timeout-ms", args.getOrDefault("response-timeout-ms", "10000"));
        // any sluice.* argument is configuration as it is (a profile's sluice.api.path, sluice.api.auth, …); the value
        // @emulator is the emulator's URL (a named provider on the same API)
        args.forEach((name, value) -> {
            if (name.startsWith("sluice.")) {
                config.put(name, value.equals(EMULATOR) ? emulator.url() : value);
            }
        });
        return config;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
            emulator = null;
        }
    }

    /**
     * After the first 429 (and the others of its burst, which arrived with it), the next request came no sooner than
     * the wait that 429 asked for: the wait was honoured by every sender.
     */
    public static void assertWaitedOutAfterFirst429(ApiEmulator api, long waitMs) {
        Recorded first = api.requests().stream().filter(r -> r.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 came"));
        long burstEnd = api.requests().stream().filter(r -> r.status() == 429 && r.atMs() - first.atMs() < 500)
                .mapToLong(Recorded::atMs).max().orElseThrow();
        long next = api.requests().stream().filter(r -> r.atMs() > burstEnd)
                .mapToLong(Recorded::atMs).min()
                .orElseThrow(() -> new AssertionError("no request after the 429s"));
        assertTrue(next - first.atMs() >= waitMs - 50,
                "after a 429 asking for " + waitMs + " ms, the next request came " + (next - first.atMs()) + " ms later");
    }
}
