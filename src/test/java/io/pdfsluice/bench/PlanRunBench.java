package io.pdfsluice.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.pdfsluice.e2e.App;
import io.pdfsluice.e2e.Drop;
import io.pdfsluice.e2e.Folders;
import io.pdfsluice.e2e.Manifests;
import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.pdfsluice.plan.Plan;

/**
 * A preset plan run with the production defaults (breaker, retries, timeouts as shipped), against a healthy
 * emulator that enforces the plan: a program that prints figures, not a test. It watches /q/health every second
 * and reads the app's log for breaker transitions, which a plan's waits must never cause.
 *
 * <pre>
 * bash bench/plan [documents=30] [plan=free]
 * </pre>
 */
public final class PlanRunBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String preset = args.length > 1 ? args[1] : "free";
        Plan plan = Plan.of(preset, null);
        double floor = Floor.floorMs(plan, n) / 1000.0;
        System.out.printf("plan %s, %d documents, latency 150+-100 ms, floor %.1f s, production defaults%n", plan, n,
                floor);
        try (ApiEmulator api = ApiEmulator.start()) {
            api.requireKey(DeliveryBench.KEY).limits(new Window(plan.primary().limit(), plan.primary().periodMs()))
                    .latency(150, 100, 42);
            var root = Folders.ROOT.resolveSibling("bench").resolve("plan-" + preset);
            Folders.clean(root);
            Drop.text(root.resolve("inbox"), "bench.jsonl", Manifests.jsonl("doc", n));
            long start = System.nanoTime();
            App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink", "SLUICE_API_URL",
                    api.url(), "SLUICE_API_KEY", DeliveryBench.KEY, "SLUICE_PLAN", preset,
                    "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            int samples = 0;
            int down = 0;
            Integer exit = null;
            long deadline = System.nanoTime() + (long) ((floor + 600) * 1e9);
            while (exit == null && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + "/q/health")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    samples++;
                    if (health.statusCode() != 200) {
                        down++;
                    }
                } catch (java.io.IOException notUpYet) {
                    // starting, or exiting
                }
                exit = app.exitedWithin(1);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<Recorded> calls = api.requests();
            long first = calls.stream().mapToLong(Recorded::atMs).min().orElse(0);
            long last = calls.stream().filter(r -> r.status() / 100 == 2).mapToLong(Recorded::atMs).max().orElse(0);
            double span = (last - first) / 1000.0;
            long transitions = Files.readAllLines(app.log()).stream().filter(l -> l.contains("Circuit breaker")).count();
            System.out.println(
                    "exit  wall_s  span_s  span/floor  span-floor_s  200s  429s  breaker_transitions  health_samples  health_down");
            System.out.printf("%4s  %6.1f  %6.1f  %10.3f  %12.1f  %4d  %4d  %19d  %14d  %11d%n", exit, wall, span,
                    span / floor, span - floor, api.successes(), api.count(429), transitions, samples, down);
        }
    }
}
