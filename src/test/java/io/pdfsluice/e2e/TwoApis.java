package io.pdfsluice.e2e;

import java.util.HashMap;
import java.util.Map;

import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two hosted APIs on two loopback origins, each with its own key: the default provider (Blink's shape) on the
 * first, a named provider {@code scans} (ChangeThisFile's shape) on the second, routed PDFs. Args: name (folders)
 * and any sluice.* key as configuration.
 */
public class TwoApis implements QuarkusTestResourceLifecycleManager {

    public static final String DOCS_KEY = "sk_docs_0123456789abcdef";
    public static final String SCANS_KEY = "sk_scans_fedcba9876543210";
    private static volatile ApiEmulator docs;
    private static volatile ApiEmulator scans;

    private final Folders folders = new Folders();
    private Map<String, String> args = Map.of();

    /** The default provider's API, fresh for one test. */
    public static ApiEmulator docs() {
        return docs;
    }

    /** The scans provider's API. */
    public static ApiEmulator scans() {
        return scans;
    }

    /** Both back to a fresh start that requires their keys. */
    public static void fresh() {
        docs.reset();
        docs.requireKey(DOCS_KEY);
        scans.reset();
        scans.requireKey(SCANS_KEY);
    }

    @Override
    public void init(Map<String, String> args) {
        this.args = args;
        folders.init(args);
    }

    @Override
    public Map<String, String> start() {
        docs = ApiEmulator.start().requireKey(DOCS_KEY);
        scans = ApiEmulator.start().requireKey(SCANS_KEY);
        Map<String, String> config = new HashMap<>(folders.start());
        config.put("sluice.provider", "blink");
        config.put("sluice.api.url", docs.url());
        config.put("sluice.api.key", DOCS_KEY);
        config.put("sluice.plan", "custom");
        config.put("sluice.plan.limits", "600/60s");
        config.put("sluice.providers.scans.profile", "changethisfile");
        config.put("sluice.providers.scans.url", scans.url());
        config.put("sluice.providers.scans.key", SCANS_KEY);
        config.put("sluice.providers.scans.limits", "3/2s");
        config.put("sluice.providers.scans.kinds", "pdf");
        config.put("sluice.retry.base-ms", "50");
        config.put("sluice.breaker.open-ms", "500");
        config.put("sluice.breaker.minimum-calls", "5");
        config.put("sluice.api.response-timeout-ms", "10000");
        args.forEach((name, value) -> {
            if (name.startsWith("sluice.")) {
                config.put(name, value);
            }
        });
        return config;
    }

    @Override
    public void stop() {
        for (ApiEmulator api : new ApiEmulator[] { docs, scans }) {
            if (api != null) {
                api.stop();
            }
        }
        docs = null;
        scans = null;
    }
}
