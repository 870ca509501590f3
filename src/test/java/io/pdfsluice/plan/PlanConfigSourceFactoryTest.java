package io.pdfsluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

class PlanConfigSourceFactoryTest {

    /** What the factory derives, given what the operator set. */
    static Map<String, String> derived(Map<String, String> set) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return set.containsKey(name) ? ConfigValue.builder().withName(name).withValue(set.get(name)).build() : null;
            }

            @Override
            public Iterator<String> iterateNames() {
                return set.keySet().iterator();
            }
        };
        Map<String, String> out = new HashMap<>();
        for (ConfigSource source : new PlanConfigSourceFactory().getConfigSources(context)) {
            source.getPropertyNames().forEach(n -> out.put(n, source.getValue(n)));
        }
        return out;
    }

    @Test
    void theEmbeddedEngineIsNotHeldToAVendorsPlan() {
        Map<String, String> d = derived(Map.of());
        assertEquals("engine", d.get("sluice.plan"));
        assertEquals(String.valueOf(4 * Runtime.getRuntime().availableProcessors()), d.get("sluice.concurrency"));
    }

    @Test
    void aHostedApiWithoutAPlanLearnsItWithThreadsForTheCeiling() {
        Map<String, String> d = derived(Map.of("sluice.provider", "blink", "sluice.api.url", "http://127.0.0.1:9"));
        assertEquals("learn", d.get("sluice.plan"), "the limiter learns the windows from the first answer");
        assertEquals("256", d.get("sluice.concurrency"), "room for whatever window it learns, up to concurrency-max");
        assertEquals("custom", derived(Map.of("sluice.provider", "blink", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan.limits", "4/2s")).get("sluice.plan"), "limits alone say the plan");
    }

    @Test
    void thePlanAnOperatorSetIsKeptEvenOnTheEmbeddedEngine() {
        Map<String, String> d = derived(Map.of("sluice.plan", "pro"));
        assertNull(d.get("sluice.plan"), "the operator's plan is not overridden");
        assertEquals(String.valueOf(4 * Runtime.getRuntime().availableProcessors()), d.get("sluice.concurrency"));
    }

    @Test
    void aFullWindowOfEveryProvidersPlanMayBeInFlightTogether() {
        Map<String, String> d = derived(Map.of("sluice.provider", "blink", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan", "pro",
                "sluice.providers.scans.profile", "changethisfile", "sluice.providers.scans.limits", "30/60s",
                "sluice.providers.html.profile", "gotenberg"));
        assertEquals(String.valueOf(120 + 30 + PlanConfigSourceFactory.GOTENBERG_CONCURRENCY),
                d.get("sluice.concurrency"));
        assertEquals("256", derived(Map.of("sluice.provider", "blink", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan", "business", "sluice.providers.scans.profile", "funbrew")).get("sluice.concurrency"),
                "at most sluice.concurrency-max");
    }

    @Test
    void aBatchingApisWindowCarriesAFullBatchPerRequest() {
        Map<String, String> relay = derived(Map.of("sluice.provider", "pdfrelay", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan", "custom", "sluice.plan.limits", "4/2s", "sluice.concurrency-max", "1000"));
        assertEquals(String.valueOf(4 * PlanConfigSourceFactory.PDFRELAY_BATCH), relay.get("sluice.concurrency"));
        Map<String, String> single = derived(Map.of("sluice.provider", "pdfrelay", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan", "custom", "sluice.plan.limits", "4/2s", "sluice.api.batch-size", "1"));
        assertEquals("4", single.get("sluice.concurrency"), "batch-size 1: one document a request");
        Map<String, String> capped = derived(Map.of("sluice.provider", "pdfrelay", "sluice.api.url", "http://127.0.0.1:9",
                "sluice.plan", "custom", "sluice.plan.limits", "60/60s"));
        assertEquals("250", capped.get("sluice.concurrency"), "whole batches under sluice.concurrency-max (256)");
    }
}
