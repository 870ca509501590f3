package io.pdfsluice.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.pdfsluice.plan.Plan;

/**
 * deploy/*.yaml agree with the app and with the plan they name (the schemas are checked by deploy/validate in
 * .ci/run): KEDA's maxReplicaCount is what the key's budget can feed, the queue is the app's, the probes are the
 * app's health endpoints, and the key comes from the Secret, never from the ConfigMap.
 */
class KubernetesManifestsTest {

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(Path.of("deploy", file)))
                .forEach(d -> docs.add((Map<String, Object>) d));
        return docs;
    }

    static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object at = o;
        for (String key : path) {
            at = ((Map<String, Object>) at).get(key);
        }
        return (Map<String, Object>) at;
    }

    @Test
    @SuppressWarnings("unchecked")
    void kedaScalesNoFurtherThanThePlanCanFeed() throws IOException {
        Map<String, Object> config = map(kind(documents("pdf-sluice.yaml"), "ConfigMap"), "data");
        Map<String, Object> scaled = kind(documents("keda.yaml"), "ScaledObject");
        String provider = (String) config.get("SLUICE_PROVIDER");
        String planName = (String) config.get("SLUICE_PLAN");
        String limits = Plan.presets(provider).get(planName);
        assertNotNull(limits, planName + " is a preset of " + provider);
        int window = Plan.of(provider, planName, limits, ZoneOffset.UTC).primary().limit();
        int concurrency = Integer.parseInt((String) config.get("SLUICE_CONCURRENCY"));
        int max = (window + concurrency - 1) / concurrency;
        assertEquals(max, map(scaled, "spec").get("maxReplicaCount"),
                "ceil(" + window + " requests a window / " + concurrency + " in flight a pod)");
        Map<String, Object> trigger = ((List<Map<String, Object>>) map(scaled, "spec").get("triggers")).get(0);
        assertEquals("rabbitmq", trigger.get("type"));
        assertEquals(config.get("SLUICE_QUEUE_DOCUMENTS"), map(trigger, "metadata").get("queueName"));
        assertEquals(String.valueOf(concurrency), map(trigger, "metadata").get("value"));
        assertEquals("true", config.get("SLUICE_CLUSTER_ENABLED"), "the pods share the key's windows in Redis");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeploymentProbesTheAppsHealthAndTakesTheKeyFromTheSecret() throws IOException {
        List<Map<String, Object>> docs = documents("pdf-sluice.yaml");
        Map<String, Object> container = ((List<Map<String, Object>>) map(kind(docs, "Deployment"), "spec", "template",
                "spec").get("containers")).get(0);
        assertEquals("/q/health/live", map(container, "livenessProbe", "httpGet").get("path"));
        assertEquals("/q/health/ready", map(container, "readinessProbe", "httpGet").get("path"));
        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        for (String secret : List.of("SLUICE_API_KEY", "SLUICE_STATUS_TOKEN", "SLUICE_RABBITMQ_PASSWORD")) {
            assertTrue(env.stream().anyMatch(e -> secret.equals(e.get("name"))
                    && map(e, "valueFrom", "secretKeyRef") != null), secret + " from the Secret");
        }
        Map<String, Object> config = map(kind(docs, "ConfigMap"), "data");
        assertFalse(config.keySet().stream().anyMatch(k -> k.contains("KEY") || k.contains("PASSWORD")
                || k.contains("TOKEN")), "no secret in the ConfigMap: " + config.keySet());
    }
}
