package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;

/**
 * Three instances of the packaged app, as three processes, on one API key with plan 100/10s: they consume one
 * queue (competing consumers), watch one shared inbox folder, and each writes its own outbox, so only the state
 * they share in Redis keeps them from rendering a document twice, taking one file twice or exceeding the plan
 * together.
 */
class ClusterIT {

    static final String DOCUMENTS = "it.cluster.documents";
    static final String EVENTS = "it.cluster.events";
    static final int LETTERS = 20;

    @Test
    void threeInstancesShareOnePlanAndRenderEveryDocumentOnce() throws Exception {
        Path root = RunOnceIT.folders("cluster");
        Path inbox = root.resolve("inbox"); // App.start gives every instance this same folder
        List<App> apps = new ArrayList<>();
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY).limits(new Window(100, 10_000))
                .latency(30, 10, 3); Rabbit rabbit = new Rabbit(DOCUMENTS, EVENTS).open()) {
            new Rabbit(DOCUMENTS, EVENTS).start(); // deletes what an earlier run may have left on the broker
            rabbit.captureEvents();
            for (int i = 1; i <= 3; i++) {
                Map<String, String> env = new HashMap<>(Map.of("SLUICE_PROVIDER", "blink", "SLUICE_API_URL", api.url(),
                        "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom", "SLUICE_PLAN_LIMITS", "100/10s",
                        "SLUICE_CLUSTER_ENABLED", "true", "SLUICE_QUEUE_ENABLED", "true",
                        "SLUICE_QUEUE_DOCUMENTS", DOCUMENTS));
                env.put("SLUICE_QUEUE_EVENTS", EVENTS);
                env.put("SLUICE_OUTBOX", root.resolve("outbox-" + i).toString());
                env.put("SLUICE_CLUSTER_NAME", "cluster-it-" + api.port()); // claims of earlier runs do not count
                env.put("SLUICE_INBOX_POLL_MS", "200"); // the three list the folder often: they race for each file
                apps.add(App.start(root, env));
            }
            for (App app : apps) {
                Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(app.log())
                        .contains("Started queue"));
            }

            List<String> records = Manifests.jsonl("c", 150).lines().toList();
            for (String record : records) {
                rabbit.publish(record);
            }
            for (String record : records) {
                rabbit.publish(record); // a second copy of each, as a redelivery to another instance would be
            }
            for (int i = 1; i <= LETTERS; i++) {
                Drop.text(inbox, String.format("letter-%02d.md", i), "# Letter " + i + "\n\nDear reader.");
            }

            List<JsonNode> events = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                events.addAll(rabbit.takeEvents());
                return events.size() >= 300 && filed(inbox.resolve(".done")) == LETTERS;
            });

            assertEquals(300, events.size());
            assertTrue(events.stream().allMatch(e -> e.get("event").asText().equals("document.done")), "" + events);
            assertEquals(150, events.stream().map(e -> e.get("id").asText()).distinct().count());
            assertEquals(150 + LETTERS, api.successes(), "150 records and the letters, each converted once");
            assertEquals(0, api.duplicateSuccesses());
            assertEquals(0, api.count(429), "together the instances kept to the plan");
            assertTrue(api.maxSuccessesInAnyWindow(10_000) <= 100,
                    "at most 100 in any 10 s, saw " + api.maxSuccessesInAnyWindow(10_000));
            assertEquals(150, outputs(root, "queue").size());
            assertEquals(150, outputs(root, "queue").stream().distinct().count(), "no record written by two");
            List<String> pickups = new ArrayList<>();
            for (App app : apps) {
                Files.readAllLines(app.log()).stream().filter(l -> l.contains(": picked up"))
                        .map(l -> l.replaceAll(".*\\) (\\S+): picked up.*", "$1")).forEach(pickups::add);
            }
            assertEquals(LETTERS, pickups.size(), "each inbox file picked up by one instance, once: " + pickups);
            assertEquals(LETTERS, pickups.stream().distinct().count(), "" + pickups);
            assertEquals(LETTERS, outputs(root, "").stream().filter(n -> n.startsWith("letter-")).count());
            assertEquals(0, filed(inbox.resolve(".failed")));
            long busy = Stream.of(1, 2, 3).filter(i -> Files.isDirectory(root.resolve("outbox-" + i + "/queue"))).count();
            assertTrue(busy >= 2, "competing consumers share the queue's work");
        } finally {
            for (App app : apps) {
                app.kill();
            }
        }
    }

    private static long filed(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    /** The names of the PDFs in folder {@code sub} of every instance's outbox, duplicates kept. */
    private static List<String> outputs(Path root, String sub) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path folder = root.resolve("outbox-" + i).resolve(sub);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf") && !n.startsWith("."))
                            .forEach(names::add);
                }
            }
        }
        return names;
    }
}
