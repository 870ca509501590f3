package io.pdfsluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.e2e.App;
import io.pdfsluice.e2e.Folders;
import io.pdfsluice.e2e.Manifests;
import io.pdfsluice.e2e.Rabbit;
import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.pdfsluice.plan.Plan;

/**
 * Queue and cluster benchmark (a program that prints figures, not a test), everything on loopback: the real
 * RabbitMQ and Redis, the packaged app as separate processes, the emulator in this JVM.
 * <ol>
 * <li>one instance, then three sharing the key (sluice.cluster.enabled), on the same plan: the plan is the
 * bottleneck, so the wall times should match, with zero 429s;</li>
 * <li>one instance against an unlimited, instant endpoint: documents per second through the whole pipeline (queue
 * message in, HTTP call, PDF written and synced, event published with confirms, message acknowledged).</li>
 * </ol>
 *
 * <pre>
 * bash bench/cluster [documents=600] [limit/period=100/10s] [latency-ms=150] [throughput-documents=20000]
 * </pre>
 *
 * documents=0 runs the throughput part only, throughput-documents=0 the plan part only. SLUICE_PLAN_MARGIN_MS is
 * passed on to the instances when set; SLUICE_BENCH_INBOX_ONLY=1 skips the queue runs of the throughput part.
 */
public final class ClusterBench {

    static final String KEY = "sk_bench_0000";
    static final String DOCUMENTS = "bench.documents";
    static final String EVENTS = "bench.events";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        String limits = args.length > 1 ? args[1] : "100/10s";
        long latency = args.length > 2 ? Long.parseLong(args[2]) : 150;
        int bulk = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        Plan plan = Plan.of("custom", limits);
        Window window = new Window(plan.primary().limit(), plan.primary().periodMs());
        System.out.printf("plan %s, %d documents as queue messages, latency %d+-%d ms, floor %.1f s%n", plan, n,
                latency, latency / 2, Floor.floorMs(plan, n) / 1000.0);
        System.out.println("run                    wall_s  span/floor  429s  duplicates  lost  max_in_window  lead_s  tail_s");
        try (ApiEmulator api = ApiEmulator.start()) {
            for (int instances : n > 0 ? new int[] { 1, 3 } : new int[0]) {
                api.reset();
                api.requireKey(KEY).limits(window).latency(latency, latency / 2, 42);
                Map<String, String> env = new HashMap<>(Map.of("SLUICE_PLAN", "custom", "SLUICE_PLAN_LIMITS", limits,
                        "SLUICE_CLUSTER_ENABLED", String.valueOf(instances > 1)));
                if (System.getenv("SLUICE_PLAN_MARGIN_MS") != null) {
                    env.put("SLUICE_PLAN_MARGIN_MS", System.getenv("SLUICE_PLAN_MARGIN_MS"));
                }
                Result r = run(api, "plan-" + instances, instances, n, env, () -> {
                    // warm JVMs, and a window that the warm-up requests have left, before the timed run
                    sleepQuietly(window.periodMs() + 2_000);
                    api.reset();
                    api.requireKey(KEY).limits(window).latency(latency, latency / 2, 42);
                });
                List<Recorded> calls = api.requests();
                long first = calls.stream().mapToLong(Recorded::atMs).min().orElse(0);
                long last = calls.stream().filter(c -> c.status() / 100 == 2).mapToLong(Recorded::atMs).max().orElse(0);
                // lead: from the first publish to the first request; tail: from the last success to the last event
                System.out.printf("%d instance%s            %6.1f  %10.3f  %4d  %10d  %4d  %13d  %6.1f  %6.1f%n", instances,
                        instances > 1 ? "s" : " ", r.wallSeconds, (last - first) / (double) Floor.floorMs(plan, n),
                        api.count(429), api.duplicateSuccesses(), n - r.events, api.maxSuccessesInAnyWindow(window.periodMs()),
                        (first - r.startMs) / 1000.0, (r.endMs - last) / 1000.0);
                printPerWindow(r, window.periodMs());
                printReuse(calls, window.limit());
                System.out.printf("  requests the API answered other than 200: %s%n", calls.stream()
                        .filter(c -> c.status() != 200).map(c -> String.valueOf(c.status())).toList());
            }

            if (bulk <= 0) {
                return;
            }
            // a service runs for hours: its throughput is measured once C2 has compiled the document path
            int warm = Integer.parseInt(System.getenv().getOrDefault("SLUICE_BENCH_WARM", "5000"));
            System.out.printf("%nunlimited instant endpoint, one instance, %d documents (queue: after %d warm-up"
                    + " documents)%n", bulk, warm);
            System.out.println("run                         wall_s  docs/s  lost  pipeline_s  pipeline_docs/s");
            String queueRuns = System.getenv("SLUICE_BENCH_INBOX_ONLY") != null ? ""
                    : System.getenv().getOrDefault("SLUICE_BENCH_FSYNC", "true,false");
            for (String fsync : queueRuns.isEmpty() ? new String[0] : queueRuns.split(",")) {
                api.reset();
                api.requireKey(KEY).sameAnswerEveryTime();
                Result r = run(api, "bulk-" + fsync, 1, bulk, warm, Map.of("SLUICE_PLAN", "custom",
                        "SLUICE_PLAN_LIMITS", "1000000/1s", "SLUICE_QUEUE_FSYNC", fsync), () -> {
                        });
                // the wall is the pipeline here: from the first publish to the last event
                System.out.printf("queue, fsync=%-5s             %6.1f  %6.0f  %4d  %10.1f  %15.0f%n", fsync, r.wallSeconds,
                        r.events / r.wallSeconds, bulk - r.events, r.wallSeconds, r.events / r.wallSeconds);
            }
            api.reset();
            api.requireKey(KEY).sameAnswerEveryTime();
            Result r = inbox(api, bulk);
            // pipeline: from the first request at the API to the last output written, without JVM start and exit
            long firstRequest = api.requests().stream().mapToLong(Recorded::atMs).min().orElse(0);
            double pipeline = (r.endMs() - firstRequest) / 1000.0;
            System.out.printf("inbox manifest (run-once)    %6.1f  %6.0f  %4d  %10.1f  %15.0f%n", r.wallSeconds,
                    r.events / r.wallSeconds, bulk - r.events, pipeline, r.events / pipeline);
        }
    }

    record Result(double wallSeconds, long events, long startMs, long endMs, List<JsonNode> ended) {

        Result(double wallSeconds, long events) {
            this(wallSeconds, events, 0, 0, List.of());
        }
    }

    /** How many documents each instance ended in each window of the plan, from the events' time and instance. */
    static void printPerWindow(Result r, long periodMs) {
        Map<String, Map<Long, Integer>> byInstance = new TreeMap<>();
        long last = 0;
        for (JsonNode e : r.ended()) {
            long window = (Instant.parse(e.get("time").asText()).toEpochMilli() - r.startMs()) / periodMs;
            last = Math.max(last, window);
            byInstance.computeIfAbsent(e.path("instance").asText("?"), k -> new TreeMap<>())
                    .merge(window, 1, Integer::sum);
        }
        System.out.printf("  documents ended per %d-s window, by instance:%n", periodMs / 1000);
        for (var entry : byInstance.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-40s", entry.getKey()));
            for (long w = 0; w <= last; w++) {
                line.append(String.format(" %4d", entry.getValue().getOrDefault(w, 0)));
            }
            System.out.println(line);
        }
    }

    /**
     * How soon a place of the window was used again: request k went after request k-L (in arrival order) by at
     * least the period, the margin and k-L's response time; anything beyond that is time the limiter lost.
     */
    static void printReuse(List<Recorded> calls, int limit) {
        long[] at = calls.stream().filter(c -> c.status() == 200).mapToLong(Recorded::atMs).sorted().toArray();
        if (at.length <= limit) {
            return;
        }
        long[] gaps = new long[at.length - limit];
        for (int k = limit; k < at.length; k++) {
            gaps[k - limit] = at[k] - at[k - limit];
        }
        java.util.Arrays.sort(gaps);
        System.out.printf("  the first %d requests went out within %d ms%n", limit, at[limit - 1] - at[0]);
        System.out.printf("  request k after request k-%d (ms): min %d, median %d, p90 %d, max %d, mean %.0f%n", limit,
                gaps[0], gaps[gaps.length / 2], gaps[gaps.length * 9 / 10], gaps[gaps.length - 1],
                java.util.Arrays.stream(gaps).average().orElse(0));
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SLUICE_BENCH_JVM="-XX:StartFlightRecording=filename=target/bench.jfr,dumponexit=true" profiles the app. */
    static String[] jvmOptions() {
        String options = System.getenv().getOrDefault("SLUICE_BENCH_JVM", "").trim();
        return options.isEmpty() ? new String[0] : options.split("\\s+");
    }

    /**
     * The same pipeline fed by the inbox: a run-once over an n-record manifest, timed from the JVM's start to its
     * exit (so it includes 1.5-3 s of start-up and up to a poll's wait before the exit), counting the PDFs written
     * and when the last of them was.
     */
    static Result inbox(ApiEmulator api, int n) throws Exception {
        Path root = freshRoot("bulk-inbox");
        io.pdfsluice.e2e.Drop.text(root.resolve("inbox"), "bulk.jsonl", Manifests.jsonl("doc", n));
        Map<String, String> env = Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink", "SLUICE_API_URL",
                api.url(), "SLUICE_API_KEY", KEY, "SLUICE_PLAN", "custom", "SLUICE_PLAN_LIMITS", "1000000/1s");
        long start = System.nanoTime();
        App.start(root, env, jvmOptions()).exitCode(3600);
        double wall = (System.nanoTime() - start) / 1e9;
        long count = 0;
        long lastWritten = 0;
        try (var files = Files.list(root.resolve("outbox/bulk"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                count++;
                lastWritten = Math.max(lastWritten, Files.getLastModifiedTime(p).toMillis());
            }
        }
        return new Result(wall, count, 0, lastWritten, List.of());
    }

    /**
     * A new folder for a run, named by the time, after deleting what earlier runs of that name left. Not the same
     * folder emptied: on ext4 without a journal (this machine's disk) a new file skips every inode of its block group
     * deleted within the last 1 to 6 minutes, so after emptying 20,000 outputs the next 20,000 were written 3 to 7
     * times slower (a Python loop: 1.0 s fresh, 2.9 s after one such delete, 7.4 s after two) and the benchmark
     * measured its own clean-up. bench/cluster marks target/bench as a top directory (chattr +T), so each new
     * folder is placed in a block group of its own.
     */
    static Path freshRoot(String name) throws java.io.IOException {
        Path bench = Folders.ROOT.resolveSibling("bench");
        Files.createDirectories(bench);
        try (var old = Files.list(bench)) {
            for (Path earlier : old.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
                Folders.delete(earlier);
            }
        }
        Path root = bench.resolve(name + "-" + System.currentTimeMillis());
        Folders.clean(root);
        return root;
    }

    /** Starts the instances, publishes n records once all consume, and times until n events are out. */
    static Result run(ApiEmulator api, String name, int instances, int n, Map<String, String> extra,
            Runnable afterWarmUp) throws Exception {
        return run(api, name, instances, n, 30, extra, afterWarmUp);
    }

    static Result run(ApiEmulator api, String name, int instances, int n, int warm, Map<String, String> extra,
            Runnable afterWarmUp) throws Exception {
        Path root = freshRoot(name);
        new Rabbit(DOCUMENTS, EVENTS).start(); // empties what an earlier run left
        List<App> apps = new ArrayList<>();
        try (Rabbit rabbit = new Rabbit(DOCUMENTS, EVENTS).open()) {
            rabbit.captureEvents();
            for (int i = 0; i < instances; i++) {
                Map<String, String> env = new HashMap<>(Map.of("SLUICE_PROVIDER", "blink", "SLUICE_API_URL", api.url(),
                        "SLUICE_API_KEY", KEY, "SLUICE_QUEUE_ENABLED", "true", "SLUICE_QUEUE_DOCUMENTS", DOCUMENTS,
                        "SLUICE_QUEUE_EVENTS", EVENTS, "SLUICE_CLUSTER_NAME", name + "-" + api.port()));
                env.put("SLUICE_OUTBOX", root.resolve("outbox").toString());
                env.putAll(extra);
                apps.add(App.start(root, env, jvmOptions()));
            }
            for (App app : apps) {
                long deadline = System.currentTimeMillis() + 120_000;
                while (!Files.readString(app.log()).contains("Listening on")) { // Quarkus has started, not only Camel
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("not started, see " + app.log());
                    }
                    Thread.sleep(200);
                }
            }
            // warm-up documents (class loading, JIT, connections) before anything is timed
            for (String record : Manifests.jsonl("warm", warm).lines().toList()) {
                rabbit.publish(record);
            }
            while (rabbit.capturedCount() < warm) {
                Thread.sleep(50);
            }
            afterWarmUp.run();
            rabbit.takeEvents();
            // SLUICE_BENCH_RECORDS_PER_MESSAGE=k publishes the records k to a message, as JSON lines
            int perMessage = Integer.parseInt(System.getenv().getOrDefault("SLUICE_BENCH_RECORDS_PER_MESSAGE", "1"));
            List<String> records = Manifests.jsonl("doc", n).lines().toList();
            long start = System.nanoTime();
            long startMs = System.currentTimeMillis();
            for (int i = 0; i < records.size(); i += perMessage) {
                rabbit.publish(String.join("\n", records.subList(i, Math.min(records.size(), i + perMessage))));
            }
            long deadline = System.currentTimeMillis() + 3_600_000L;
            long events;
            while ((events = rabbit.capturedCount()) < n && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Result(wall, events, startMs, System.currentTimeMillis(), rabbit.takeEvents());
        } finally {
            for (App app : apps) {
                app.stop();
            }
        }
    }
}
