package io.pdfsluice.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;

import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Documents published on the real RabbitMQ go through the real routes to the emulator: outputs, done and failed
 * events, acknowledgement only after the work is done, and the dead-letter queue for what cannot be read.
 */
@QuarkusTest
@QuarkusTestResource(value = Rabbit.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "documents", value = "test.queue.documents"),
        @ResourceArg(name = "events", value = "test.queue.events") })
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "queue"), @ResourceArg(name = "limits", value = "1000/10s"),
        @ResourceArg(name = "sluice.queue.consumers", value = "8"),
        @ResourceArg(name = "sluice.queue.attempts", value = "2"),
        @ResourceArg(name = "sluice.queue.retry-delay-ms", value = "100") })
class QueueTest {

    static final Path OUTBOX = Folders.outbox("queue");

    @Inject
    CamelContext camel;
    @Inject
    StepFailures failures;

    ApiEmulator api;
    Rabbit rabbit;
    final List<JsonNode> events = new ArrayList<>();

    @BeforeEach
    void fresh() throws IOException {
        api = HostedApi.freshEmulator();
        rabbit = new Rabbit("test.queue.documents", "test.queue.events").open().captureEvents();
    }

    @AfterEach
    void close() {
        rabbit.close();
    }

    @Test
    void twoHundredRecordsGiveTwoHundredOutputsAndTwoHundredDoneEvents() throws Exception {
        for (String record : records("q200", 200)) {
            rabbit.publish(record);
        }
        List<JsonNode> done = awaitEvents("q200", 200);
        assertEquals(200, done.stream().filter(e -> e.get("event").asText().equals("document.done")).count());
        assertEquals(200, done.stream().map(e -> e.get("id").asText()).distinct().count(), "one event per document");
        assertEquals(1, done.stream().map(e -> e.path("instance").asText()).distinct().count(), "one instance did it all");
        assertTrue(done.get(0).path("instance").asText().matches("\\d+@.+-[0-9a-f]{8}"), done.get(0).toString());
        for (JsonNode e : done) {
            Path pdf = OUTBOX.resolve(e.get("outputs").get(0).asText());
            assertEquals("queue/" + e.get("id").asText() + ".pdf", e.get("outputs").get(0).asText());
            assertTrue(Files.size(pdf) > 0, pdf + " is written before its event");
            assertTrue(e.get("message").asText().length() > 0);
            assertEquals("blink", e.path("provider").asText(), "the event names the provider that delivered it");
        }
        assertEquals(200, api.successes());
        assertEquals(0, api.duplicateSuccesses(), "each record converted once");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rabbit.waiting() == 0);
    }

    /** The status page's Re-run for a queue batch: its dead letters go back to the queue as a new message. */
    @Test
    void aMessagesDeadLettersAreReRunFromTheStatusPageAsANewMessage() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        api.rejectIf(r -> refusing.get() && r.bodyText().contains("QRERUN-BAD"), 422, "cannot render this");
        rabbit.publish("{\"id\":\"qr-1\",\"markdown\":\"# one\"}\n{\"id\":\"qr-2\",\"markdown\":\"# two QRERUN-BAD\"}\n",
                "month-end-q");
        Path letters = OUTBOX.resolve("queue/failed/month-end-q.failures.jsonl");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(letters));
        refusing.set(false); // the cause is fixed
        String csrf = given().get("/status/now").then().statusCode(200)
                .body("deadLetters.find { it.file == 'month-end-q.failures.jsonl' }.source", equalTo("queue"))
                .extract().path("csrf");
        given().header("X-CSRF-Token", csrf).contentType("application/json")
                .body("{\"file\":\"month-end-q.failures.jsonl\",\"source\":\"queue\"}").post("/status/rerun").then()
                .statusCode(200).body("message", containsString("1 document(s) published to the queue"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(OUTBOX.resolve("queue/qr-2.pdf")));
        assertFalse(Files.exists(letters), "re-run: it leaves the list");
        assertEquals(1, api.requests().stream().filter(r -> r.bodyText().contains("# one") && r.status() == 200)
                .count(), "only the failed document was sent again");
    }

    /**
     * A re-run that fails at any step of the status-republish route (the steps read from the route model, so a step
     * added tomorrow is covered) answers 502, publishes nothing and keeps the dead letters, byte for byte, so that
     * the next Re-run can still send them; once nothing fails, the same letters go through.
     */
    @Test
    void aReRunThatFailsAtAnyStepOfItsPublishingKeepsItsDeadLettersAndPublishesNothing() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        api.rejectIf(r -> refusing.get() && r.bodyText().contains("QSTEP-BAD"), 422, "cannot render this");
        rabbit.publish("{\"id\":\"" + StepFailures.VICTIM + "-qs\",\"markdown\":\"# QSTEP-BAD\"}\n", "steps-q");
        Path letters = OUTBOX.resolve("queue/failed/steps-q.failures.jsonl");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(letters));
        byte[] kept = Files.readAllBytes(letters);
        refusing.set(false);
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Collection<ProcessorDefinition> steps = ProcessorDefinitionHelper.filterTypeInOutputs(
                model.getRouteDefinition("status-republish").getOutputs(), ProcessorDefinition.class);
        assertTrue(steps.size() >= 3, "the route model yields the republishing steps: " + steps);
        String csrf = given().get("/status/now").then().statusCode(200).extract().path("csrf");
        String rerun = "{\"file\":\"steps-q.failures.jsonl\",\"source\":\"queue\"}";
        long sent = api.requests().stream().filter(r -> r.bodyText().contains("QSTEP-BAD")).count();
        for (ProcessorDefinition<?> step : steps) {
            failures.arm(step);
            try {
                given().header("X-CSRF-Token", csrf).contentType("application/json").body(rerun)
                        .post("/status/rerun").then().statusCode(502)
                        .body("message", containsString("could not publish steps-q.failures.jsonl"));
                assertTrue(failures.fired(step) > 0, "the failure was injected at " + step);
            } finally {
                failures.disarm();
            }
            assertArrayEquals(kept, Files.readAllBytes(letters), "the dead letters are kept after a failure at " + step);
        }
        Thread.sleep(500);
        assertEquals(sent, api.requests().stream().filter(r -> r.bodyText().contains("QSTEP-BAD")).count(),
                "nothing was published by the failed re-runs");
        given().header("X-CSRF-Token", csrf).contentType("application/json").body(rerun).post("/status/rerun")
                .then().statusCode(200).body("message", containsString("1 document(s) published to the queue"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(OUTBOX.resolve("queue/" + StepFailures.VICTIM + "-qs.pdf")));
        assertFalse(Files.exists(letters), "re-run at last: it leaves the list");
    }

    @Test
    void aConsumerStoppedMidStreamAndStartedAgainWritesEveryRecordExactlyOnce() throws Exception {
        api.latency(100, 20, 7);
        for (String record : records("restart", 120)) {
            rabbit.publish(record);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outputs("restart") >= 20);
        camel.getRouteController().stopRoute("queue");
        int whileStopped = outputs("restart");
        assertTrue(whileStopped < 120, "stopped mid-stream, with records left: " + whileStopped);
        assertTrue(rabbit.waiting() > 0, "unfinished records are back on the queue");
        Thread.sleep(500);
        assertEquals(whileStopped, outputs("restart"), "a stopped consumer takes nothing more");
        camel.getRouteController().startRoute("queue");
        List<JsonNode> all = awaitEvents("restart", 120);
        assertEquals(120, outputs("restart"));
        assertEquals(120, all.stream().map(e -> e.get("id").asText()).distinct().count());
        assertEquals(120, api.successes(), "every record converted exactly once: " + api.requests().size());
        assertEquals(0, api.duplicateSuccesses());
    }

    @Test
    void aSubscriberBindsToTheEventsExchangeBeforeTheFirstDocumentAndGetsItsDoneEvent() throws Exception {
        camel.getRouteController().stopRoute("queue");
        rabbit.deleteEventsExchange();
        camel.getRouteController().startRoute("queue");
        String subscriber = rabbit.subscribe("document.#");
        rabbit.publish(records("first", 1).get(0));
        GetResponse event = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> rabbit.take(subscriber), r -> r != null);
        assertEquals("document.done", event.getEnvelope().getRoutingKey());
        assertEquals("first-001", Rabbit.JSON.readTree(event.getBody()).get("id").asText());
    }

    @Test
    void aManifestMessageRunsEachRecordAndDeadLettersTheBadOneOnly() throws Exception {
        String manifest = "[" + String.join(",", records("arr", 3))
                + ",{\"id\":\"arr-bad\",\"title\":\"no body\"}]";
        rabbit.publish(manifest, "manifest-1");
        List<JsonNode> all = awaitEvents("arr", 4);
        Map<String, JsonNode> byId = all.stream().collect(Collectors.toMap(e -> e.get("id").asText(), Function.identity()));
        assertEquals("document.failed", byId.get("arr-bad").get("event").asText());
        String reason = byId.get("arr-bad").get("reason").asText();
        assertTrue(reason.contains("queue message manifest-1 element 4") && reason.contains("no body"), reason);
        assertEquals("document.done", byId.get("arr-001").get("event").asText());
        Path deadLetters = OUTBOX.resolve("queue/failed/manifest-1.failures.jsonl");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(deadLetters));
        String letter = Files.readString(deadLetters);
        assertTrue(letter.contains("arr-bad") && !letter.contains("arr-001"), letter);
        assertNull(rabbit.takeDeadLetter(), "a readable message with one bad record is not poison");
    }

    @Test
    void aMessageThatIsNotJsonGoesToTheDeadLetterQueueAfterItsAttempts() throws Exception {
        while (rabbit.takeDeadLetter() != null) {
            // empty the DLQ of what other tests may have left
        }
        rabbit.publish("this is not { json", "poison-1");
        GetResponse dead = Awaitility.await().atMost(Duration.ofSeconds(30)).until(rabbit::takeDeadLetter,
                r -> r != null);
        assertEquals("this is not { json", new String(dead.getBody(), StandardCharsets.UTF_8));
        assertEquals("poison-1", dead.getProps().getMessageId());
        assertNotNull(dead.getProps().getHeaders().get("x-death"), "rejected by the consumer, dead-lettered by the broker");
        assertEquals(0, api.requests().size(), "nothing of it reached the API");
        Thread.sleep(300);
        assertTrue(rabbit.takeEvents().isEmpty(), "no document event for a message with no documents");
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertTrue(log.contains("queue message poison-1: malformed JSON"), "the log names it");
    }

    private List<JsonNode> awaitEvents(String prefix, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            events.addAll(rabbit.takeEvents());
            return events.stream().filter(e -> e.get("id").asText().startsWith(prefix)).count() >= n;
        });
        return events.stream().filter(e -> e.get("id").asText().startsWith(prefix)).toList();
    }

    private static int outputs(String prefix) throws IOException {
        Path folder = OUTBOX.resolve("queue");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".pdf")).count();
        }
    }

    private static List<String> records(String prefix, int n) {
        return Manifests.jsonl(prefix, n).lines().toList();
    }
}
