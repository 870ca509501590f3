package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.StepFailures.VICTIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnCompletionDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.report.Batches;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every failure ends its document once, wherever it happens. The steps are not listed by hand: they are read from
 * the route model, from the intake routes (inbox, queue) through every route they reach with direct:, so a step
 * added tomorrow is in the list. Each step is first matched to a scenario whose victim passes it (a traced run of
 * each scenario), then failed for the victim alone, through the real routes against the emulator and RabbitMQ. A
 * step that no scenario reaches fails the test: add a scenario that takes a document through it.
 */
@QuarkusTest
@QuarkusTestResource(value = Rabbit.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "documents", value = "scope.documents"),
        @ResourceArg(name = "events", value = "scope.events") })
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "scope"), @ResourceArg(name = "provider", value = "changethisfile"),
        @ResourceArg(name = "sluice.jobs.min-pages", value = "3"),
        @ResourceArg(name = "sluice.jobs.poll-ms", value = "50"),
        @ResourceArg(name = "sluice.jobs.poll-max-ms", value = "100"),
        @ResourceArg(name = "sluice.queue.attempts", value = "2"),
        @ResourceArg(name = "sluice.queue.retry-delay-ms", value = "100"),
        // HTML goes to a second provider, pdfRelay on the same emulator, in batch requests
        @ResourceArg(name = "sluice.providers.relay.profile", value = "pdfrelay"),
        @ResourceArg(name = "sluice.providers.relay.url", value = HostedApi.EMULATOR),
        @ResourceArg(name = "sluice.providers.relay.key", value = HostedApi.KEY),
        @ResourceArg(name = "sluice.providers.relay.kinds", value = "html"),
        @ResourceArg(name = "sluice.providers.relay.limits", value = "600/60s"),
        // and a large HTML document there is an async conversion, polled as a job
        @ResourceArg(name = "sluice.jobs.min-text-bytes", value = "4000") })
class ErrorScopeTest {

    static final Path INBOX = Folders.inbox("scope");
    static final Path OUTBOX = Folders.outbox("scope");
    static final List<String> INTAKE = List.of("inbox", "queue");
    static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    CamelContext camel;
    @Inject
    StepFailures failures;
    @Inject
    Batches batches;

    final AtomicInteger runs = new AtomicInteger();
    /** The route each step of {@link #documentPath()} belongs to (an onException step has no parent route). */
    final Map<NamedNode, String> routes = new java.util.HashMap<>();
    /** The steps of the inbox route's onCompletion: they run once the file has been filed, its documents ended. */
    final Set<NamedNode> afterFiling = new java.util.HashSet<>();

    /** How a victim document (or file, or message) is sent, and what its end must look like. */
    enum Scenario {
        MANIFEST_RECORD,
        INVALID_RECORD,
        ALREADY_DELIVERED,
        PDF_OF_TWO_PAGES,
        PDF_OF_ONE_PAGE,
        PDF_AS_A_JOB,
        PDF_AS_A_REDIRECTED_JOB,
        HTML_IN_A_BATCH_REQUEST,
        HTML_AS_AN_ASYNC_JOB,
        QUEUE_MESSAGE,
        QUEUE_RECORD,
        NAME_CLASH,
        INBOX_LINK
    }

    @Test
    void everyStepOfADocumentsPathEndsItOnceWhereverItFails() throws Exception {
        Map<ProcessorDefinition<?>, String> steps = documentPath();
        assertTrue(steps.size() > 25, "the route model yields the document's steps: " + steps.values());
        Map<Scenario, Set<NamedNode>> reached = new LinkedHashMap<>();
        try (Rabbit rabbit = new Rabbit("scope.documents", "scope.events").open().captureEvents()) {
            for (Scenario s : Scenario.values()) {
                failures.trace();
                run(s, rabbit, null, steps);
                reached.put(s, failures.traced());
            }
            List<String> unreached = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            // -Dsluice.scope.steps=call: only the steps whose name holds it (to look into one while fixing it)
            String only = System.getProperty("sluice.scope.steps", "");
            for (Map.Entry<ProcessorDefinition<?>, String> step : steps.entrySet()) {
                if (!step.getValue().contains(only)) {
                    continue;
                }
                Scenario scenario = reached.entrySet().stream().filter(r -> r.getValue().contains(step.getKey()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (scenario == null) {
                    unreached.add(step.getValue());
                    continue;
                }
                failures.arm(step.getKey());
                try {
                    run(scenario, rabbit, step.getKey(), steps);
                    assertTrue(failures.fired(step.getKey()) > 0, "the failure was injected");
                } catch (AssertionError | RuntimeException e) {
                    broken.add(step.getValue() + " (" + scenario + "): " + e.getMessage());
                } finally {
                    failures.disarm();
                }
            }
            assertEquals(List.of(), broken, "steps whose failure did not end the document once");
            assertEquals(List.of(), unreached, "steps no scenario takes a document through");
        }
    }

    /**
     * A route on a document's path without an error scope of its own (a routeConfigurationId: intake, delivery,
     * queue) must hand every failure back to the route that called it, so that the caller's scope ends the
     * document: noErrorHandler, and no onException of its own. The test above then proves, step by step, that it
     * does end it.
     */
    @Test
    void everyRouteOnADocumentsPathHasAnErrorScopeOrHandsItsFailuresToItsCaller() {
        List<String> unscoped = new ArrayList<>();
        for (RouteDefinition route : documentRoutes()) {
            if (route.getRouteConfigurationId() != null) {
                continue;
            }
            unscoped.add(route.getRouteId());
            assertTrue(route.getErrorHandlerFactory() instanceof NoErrorHandlerDefinition,
                    route.getRouteId() + " has an error handler of its own: " + route.getErrorHandlerFactory());
            assertEquals(List.of(), ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    OnExceptionDefinition.class), route.getRouteId() + " handles failures itself");
            assertFalse(INTAKE.contains(route.getRouteId()), "an intake route without a scope");
        }
        assertFalse(unscoped.isEmpty(), "the called routes (call, job, pages, document-end) have no scope of their own");
    }

    /** The intake routes and every route they reach through direct:, as the route model has them. */
    private List<RouteDefinition> documentRoutes() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, RouteDefinition> byInput = new LinkedHashMap<>();
        for (RouteDefinition r : model.getRouteDefinitions()) {
            byInput.put(r.getInput().getEndpointUri(), r);
        }
        List<RouteDefinition> reached = new ArrayList<>();
        List<RouteDefinition> todo = new ArrayList<>(INTAKE.stream().map(model::getRouteDefinition).toList());
        Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            RouteDefinition route = todo.remove(0);
            if (!seen.add(route.getRouteId())) {
                continue;
            }
            reached.add(route);
            for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                if (to.getUri().startsWith("direct:") && byInput.containsKey(to.getUri())) {
                    todo.add(byInput.get(to.getUri()));
                }
            }
            // a toD to direct:<prefix>${...} (the call route's to each provider's call) reaches every route whose
            // input has that prefix
            for (ToDynamicDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    ToDynamicDefinition.class)) {
                int dynamic = to.getUri().indexOf("${");
                String prefix = dynamic < 0 ? to.getUri() : to.getUri().substring(0, dynamic);
                if (prefix.startsWith("direct:")) {
                    byInput.forEach((uri, r) -> {
                        if (uri.startsWith(prefix)) {
                            todo.add(r);
                        }
                    });
                }
            }
        }
        return reached;
    }

    /**
     * The steps of {@link #documentRoutes()}, less those only an idle poll runs (the inbox's "${body} == null"
     * branch).
     */
    private Map<ProcessorDefinition<?>, String> documentPath() {
        Map<ProcessorDefinition<?>, String> steps = new LinkedHashMap<>();
        for (RouteDefinition route : documentRoutes()) {
            Collection<ProcessorDefinition> all = ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    ProcessorDefinition.class);
            Set<Object> idle = new java.util.HashSet<>();
            // the refused-key and spent-quota clauses stop all intake on purpose, which RevokedKeyTest and
            // QuotaRunOnceIT prove; a scenario here would stop the scenarios after it
            for (OnExceptionDefinition clause : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    OnExceptionDefinition.class)) {
                // and the intake's last resort (fileReport.abandon) catches everything itself: nothing can reach it
                // but a failure of the file, which the inbox route's own steps here already are
                if (clause.getExceptions().stream().anyMatch(e -> e.endsWith("$Unauthorized")
                        || e.endsWith("QuotaSpentException"))
                        || INTAKE.contains(route.getRouteId())) {
                    idle.addAll(ProcessorDefinitionHelper.filterTypeInOutputs(clause.getOutputs(), ProcessorDefinition.class));
                }
            }
            for (WhenDefinition when : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    WhenDefinition.class)) {
                if ("${body} == null".equals(when.getExpression().getExpression())) {
                    idle.addAll(ProcessorDefinitionHelper.filterTypeInOutputs(when.getOutputs(), ProcessorDefinition.class));
                }
            }
            if (route.getRouteId().equals("inbox")) {
                for (OnCompletionDefinition done : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                        OnCompletionDefinition.class)) {
                    afterFiling.addAll(ProcessorDefinitionHelper.filterTypeInOutputs(done.getOutputs(),
                            ProcessorDefinition.class));
                }
            }
            for (ProcessorDefinition<?> p : all) {
                if (failures.wrapped().contains(p) && !idle.contains(p)) {
                    steps.put(p, route.getRouteId() + ": " + p.getShortName() + " " + p.getLabel());
                    routes.put(p, route.getRouteId());
                }
            }
        }
        return steps;
    }

    /** Sends the scenario's victim (failing at {@code step}, or not) and checks how it ended. */
    private void run(Scenario s, Rabbit rabbit, ProcessorDefinition<?> step, Map<ProcessorDefinition<?>, String> steps)
            throws Exception {
        HostedApi.freshEmulator();
        int n = runs.incrementAndGet();
        // a step after the file was filed fails nothing: the file stays under .done/, its report as it was, and a
        // run-once exits at the next poll instead (checked below, once the failure has come)
        String fault = step == null || afterFiling.contains(step) ? null : StepFailures.message(step);
        boolean fileLevel = fault != null && INTAKE.contains(routes.get(step));
        String stem = VICTIM + "-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + n;
        switch (s) {
            case MANIFEST_RECORD, INVALID_RECORD, ALREADY_DELIVERED -> {
                if (s == Scenario.ALREADY_DELIVERED) {
                    Files.createDirectories(OUTBOX.resolve(stem));
                    Files.write(OUTBOX.resolve(stem + "/" + VICTIM + ".pdf"), Drop.pdf(1));
                }
                String victim = s == Scenario.INVALID_RECORD ? "{\"id\":\"" + VICTIM + "\"}"
                        : "{\"id\":\"" + VICTIM + "\",\"markdown\":\"# Victim " + n + "\"}";
                Drop.text(INBOX, stem + ".jsonl", victim + "\n{\"id\":\"good\",\"markdown\":\"# Good " + n + "\"}\n");
                JsonNode report = Outputs.report(OUTBOX, stem);
                awaitFile(INBOX.resolve((fault != null || s == Scenario.INVALID_RECORD ? ".failed/" : ".done/")
                        + stem + ".jsonl"));
                // a file-level failure after the report was first written rewrites it before the file moves
                report = Outputs.report(OUTBOX, stem);
                if (fault != null) {
                    assertFailure(report, fault);
                    if (!fileLevel) {
                        assertEquals(2, report.get("documents").asInt(), "each document counted once: " + report);
                        assertEquals(1, report.get("failed").asInt(), report::toString);
                        assertEquals(1, Files.readAllLines(OUTBOX.resolve(stem + ".failures.jsonl")).size());
                    }
                }
                if (!fileLevel) {
                    assertTrue(Files.exists(OUTBOX.resolve(stem + "/good.pdf")), "the file's other document goes on");
                }
            }
            case PDF_OF_TWO_PAGES, PDF_OF_ONE_PAGE, PDF_AS_A_JOB, PDF_AS_A_REDIRECTED_JOB -> {
                int pages = s == Scenario.PDF_OF_ONE_PAGE ? 1 : s == Scenario.PDF_OF_TWO_PAGES ? 2 : 3;
                if (s == Scenario.PDF_AS_A_REDIRECTED_JOB) {
                    HostedApi.emulator().redirectDownloadsToOtherOrigin(); // until the next fresh emulator
                }
                Drop.bytes(INBOX, stem + ".pdf", Drop.pdf(pages));
                Drop.text(INBOX, "fine-" + n + ".md", "# Fine " + n);
                JsonNode report = Outputs.report(OUTBOX, stem);
                awaitFile(INBOX.resolve((fault != null ? ".failed/" : ".done/") + stem + ".pdf"));
                // a file-level failure after the report was first written rewrites it before the file moves
                report = Outputs.report(OUTBOX, stem);
                if (fault != null) {
                    assertFailure(report, fault);
                    assertTrue(report.get("documents").asInt() <= 1, "counted once: " + report);
                } else {
                    assertTrue(Files.exists(OUTBOX.resolve(stem + "/pages.json")), stem + " has its pages");
                }
                assertEquals(1, Outputs.report(OUTBOX, "fine-" + n).get("ok").asInt(), "the other file goes on");
            }
            case HTML_IN_A_BATCH_REQUEST, HTML_AS_AN_ASYNC_JOB -> {
                // alone in its batch, the victim is the batch's sender: it passes every step of a batch request;
                // large, it is submitted to the async conversions instead
                String body = "<h1>Victim " + n + "</h1>"
                        + (s == Scenario.HTML_AS_AN_ASYNC_JOB ? "<p>A long paragraph of the victim.</p>".repeat(150) : "");
                Drop.text(INBOX, stem + ".jsonl", "{\"id\":\"" + VICTIM + "\",\"html\":\"" + body + "\"}\n");
                Drop.text(INBOX, "fine-" + n + ".md", "# Fine " + n);
                JsonNode report = Outputs.report(OUTBOX, stem);
                awaitFile(INBOX.resolve((fault != null ? ".failed/" : ".done/") + stem + ".jsonl"));
                // a file-level failure after the report was first written rewrites it before the file moves
                report = Outputs.report(OUTBOX, stem);
                if (fault != null) {
                    assertFailure(report, fault);
                    assertEquals(1, report.get("documents").asInt(), "counted once: " + report);
                } else {
                    assertEquals(1, report.get("delivered_by").get("relay").asInt(), report.toString());
                }
                assertEquals(1, Outputs.report(OUTBOX, "fine-" + n).get("ok").asInt(), "the other file goes on");
            }
            case NAME_CLASH -> {
                // two files of the victim's name before the extension, in the inbox together: neither is read
                camel.getRouteController().suspendRoute("inbox");
                try {
                    Drop.text(INBOX, stem + ".jsonl", "{\"id\":\"" + VICTIM + "\",\"markdown\":\"# Victim " + n + "\"}\n");
                    Drop.text(INBOX, stem + ".md", "# Victim " + n);
                } finally {
                    camel.getRouteController().resumeRoute("inbox");
                }
                awaitFile(INBOX.resolve(".failed/" + stem + ".jsonl"));
                awaitFile(INBOX.resolve(".failed/" + stem + ".md"));
                if (fault != null) {
                    assertFailure(Outputs.report(OUTBOX, stem), fault); // the intake's last resort reported it
                } else {
                    assertFalse(Files.exists(OUTBOX.resolve(stem + ".report.json")), "nothing under the shared name");
                    assertFalse(Files.exists(OUTBOX.resolve(stem)), "no outputs");
                }
            }
            case INBOX_LINK -> {
                // a symbolic link to a file outside the inbox: the link is filed unread, its target left alone
                Path target = Files.writeString(INBOX.resolveSibling(stem + "-target.md"), "# Victim " + n);
                Files.createSymbolicLink(INBOX.resolve(stem + ".md"), target.toAbsolutePath());
                awaitFile(INBOX.resolve(".failed/" + stem + ".md"));
                assertTrue(Files.isSymbolicLink(INBOX.resolve(".failed/" + stem + ".md")), "the link itself is filed");
                assertEquals("# Victim " + n, Files.readString(target), "its target is left as it was");
                if (fault != null) {
                    assertFailure(Outputs.report(OUTBOX, stem), fault); // the intake's last resort reported it
                } else {
                    assertFalse(Files.exists(OUTBOX.resolve(stem + ".report.json")), "nothing is written for it");
                    assertFalse(Files.exists(OUTBOX.resolve(stem + ".pdf")), "its target was not converted");
                }
            }
            case QUEUE_MESSAGE, QUEUE_RECORD -> {
                String victim = VICTIM + "-q" + n;
                String good = "{\"id\":\"good-q" + n + "\",\"markdown\":\"# Good " + n + "\"}";
                // a message of two records is split in parallel; one of a single record is delivered on its own
                // the message of several records also holds one without a body, so that it always has a dead letter
                rabbit.publish("{\"id\":\"" + victim + "\",\"markdown\":\"# Victim " + n + "\"}"
                        + (s == Scenario.QUEUE_MESSAGE ? "\n" + good + "\n{\"id\":\"bad-q" + n + "\"}" : ""));
                if (s == Scenario.QUEUE_RECORD) {
                    rabbit.publish(good);
                }
                if (fileLevel) {
                    Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                            .until(() -> rabbit.takeDeadLetter() != null);
                    // no attempt left a dead-letter file open or half written
                    Path failed = OUTBOX.resolve("queue/failed");
                    if (Files.isDirectory(failed)) {
                        try (var left = Files.list(failed)) {
                            List<Path> parts = left.filter(p -> p.toString().endsWith(".part")).toList();
                            assertEquals(List.of(), parts, "dead letters left behind");
                        }
                    }
                } else {
                    // the victim's end is a document.failed event, or, when what fails is publishing that very
                    // event, its message goes to the dead-letter queue (a message is acked only once all its
                    // events are out)
                    List<JsonNode> events = new ArrayList<>();
                    boolean[] deadLettered = { false };
                    Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
                        events.addAll(rabbit.takeEvents());
                        deadLettered[0] |= fault != null && rabbit.takeDeadLetter() != null;
                        boolean goodEnded = events.stream().anyMatch(e -> e.get("id").asText().equals("good-q" + n));
                        return goodEnded
                                && (deadLettered[0] || events.stream().anyMatch(e -> e.get("id").asText().equals(victim)));
                    });
                    JsonNode ofVictim = events.stream().filter(e -> e.get("id").asText().equals(victim)).reduce((a, b) -> b)
                            .orElse(null);
                    if (fault != null && !deadLettered[0]) {
                        assertEquals("document.failed", ofVictim.get("event").asText(), ofVictim::toString);
                        assertTrue(ofVictim.get("reason").asText().contains(fault), ofVictim::toString);
                    }
                    assertTrue(events.stream().anyMatch(e -> e.get("id").asText().equals("good-q" + n)
                            && e.get("event").asText().equals("document.done")), events::toString);
                }
            }
        }
        if (s != Scenario.QUEUE_MESSAGE && s != Scenario.QUEUE_RECORD) { // the scenarios of an inbox file
            afterFiling(step, stem);
        }
        // nothing is left in work: a run-once would see an idle inbox and exit
        Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> batches.inProgress() == 0);
    }

    /**
     * The inbox route's onCompletion runs after the file has moved, so after the waits above: the trace waits for
     * the victim to pass its steps, and a failure injected there must change nothing of the file, then or after.
     */
    private void afterFiling(ProcessorDefinition<?> step, String stem) {
        for (NamedNode after : afterFiling) {
            Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> step == null ? failures.passed(after) : step != after || failures.fired(after) > 0);
        }
        if (step == null || !afterFiling.contains(step)) {
            return;
        }
        String fault = StepFailures.message(step);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
            List<String> reasons = new ArrayList<>();
            Outputs.report(OUTBOX, stem).get("failures").forEach(f -> reasons.add(f.get("reason").asText()));
            return reasons.stream().noneMatch(r -> r.contains(fault)) && Files.exists(filed(stem));
        });
    }

    /** Where the victim's file is once filed under .done/. */
    private static Path filed(String stem) throws java.io.IOException {
        try (var done = Files.list(INBOX.resolve(".done"))) {
            return done.filter(p -> p.getFileName().toString().startsWith(stem + ".")).findFirst()
                    .orElse(INBOX.resolve(".done/" + stem));
        }
    }

    private static void assertFailure(JsonNode report, String fault) {
        List<String> reasons = new ArrayList<>();
        report.get("failures").forEach(f -> reasons.add(f.get("reason").asText()));
        assertTrue(reasons.stream().anyMatch(r -> r.contains(fault) && r.contains(report.get("file").asText())),
                "a reason names the file and the failure: " + reasons);
    }

    private static void awaitFile(Path file) {
        Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(file));
    }
}
