package io.pdfsluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.pdfsluice.e2e.App;
import io.pdfsluice.e2e.Drop;
import io.pdfsluice.e2e.Folders;
import io.pdfsluice.e2e.Manifests;
import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.pdfsluice.plan.Plan;

/**
 * Delivery benchmark (a program that prints figures, not a test): N documents through the packaged app against the
 * rate-limited emulator on loopback, next to the vendor's naive script on the same emulator.
 *
 * <pre>
 * bash bench/delivery [documents] [limit/period] [latency-ms] [jitter-ms]
 * </pre>
 */
public final class DeliveryBench {

    static final String KEY = "sk_bench_0000";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String limits = args.length > 1 ? args[1] : "100/10s";
        long latency = args.length > 2 ? Long.parseLong(args[2]) : 150;
        long jitter = args.length > 3 ? Long.parseLong(args[3]) : 100;
        Plan plan = Plan.of("custom", limits);
        Window window = new Window(plan.primary().limit(), plan.primary().periodMs());
        double floor = Floor.floorMs(plan, n) / 1000.0;
        System.out.printf("plan %s, %d documents, latency %d+-%d ms, floor %.1f s%n", plan, n, latency, jitter, floor);
        System.out.println(
                "run                      wall_s  span_s  span/floor  429s  5xx  resets  duplicates  lost  max_in_window");

        // SLUICE_BENCH_RUNS=clean (a comma list of naive, clean, faults, faults-fixed) runs only those
        List<String> runs = List.of(System.getenv().getOrDefault("SLUICE_BENCH_RUNS", "naive,clean,faults,faults-fixed")
                .split(","));
        try (ApiEmulator api = ApiEmulator.start()) {
            if (runs.contains("naive")) {
                setUp(api, window, latency, jitter, false);
                NaiveScript.Result naive = new NaiveScript(api.url(), KEY, 40).run(n);
                print("naive script (40 conc.)", new Run(naive.wallSeconds(), n - naive.delivered()), api, floor,
                        window);
            }
            if (runs.contains("clean")) {
                setUp(api, window, latency, jitter, false);
                print("pdf-sluice", runApp(api, "clean", n, limits, Map.of()), api, floor, window);
            }
            if (runs.contains("faults")) {
                setUp(api, window, latency, jitter, true);
                print("pdf-sluice with faults", runApp(api, "faults", n, limits,
                        Map.of("SLUICE_API_RESPONSE_TIMEOUT_MS", "5000")), api, floor, window);
            }
            if (runs.contains("faults-fixed")) {
                // the same faults with every call waiting the configured 5 s, as before timeouts learned
                setUp(api, window, latency, jitter, true);
                print("faults, fixed timeout", runApp(api, "faults-fixed", n, limits,
                        Map.of("SLUICE_API_RESPONSE_TIMEOUT_MS", "5000", "SLUICE_API_TIMEOUT_LEARN", "false")), api,
                        floor, window);
            }
        }
    }

    static void setUp(ApiEmulator api, Window window, long latency, long jitter, boolean faults) {
        api.reset();
        api.requireKey(KEY).limits(window).latency(latency, jitter, 42);
        if (faults) {
            // 5 % 500s, 1 % resets, 1 % hangs, one 15 s outage 20 s in
            api.failRate(0.05, 500, 7).resetEvery(100).hangEvery(97, 60_000).outage(20_000, 35_000);
        }
    }

    record Run(double wallSeconds, int lost) {
    }

    static Run runApp(ApiEmulator api, String name, int n, String limits, Map<String, String> extra)
            throws Exception {
        Path root = Folders.ROOT.resolveSibling("bench").resolve(name);
        Folders.clean(root);
        Drop.text(root.resolve("inbox"), "bench.jsonl", Manifests.jsonl("doc", n));
        Map<String, String> env = new HashMap<>(Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", KEY, "SLUICE_PLAN", "custom",
                "SLUICE_PLAN_LIMITS", limits));
        env.putAll(extra);
        long start = System.nanoTime();
        int exit = App.start(root, env).exitCode(3600);
        double wall = (System.nanoTime() - start) / 1e9;
        long written;
        try (Stream<Path> files = Files.list(root.resolve("outbox/bench"))) {
            written = files.filter(p -> p.toString().endsWith(".pdf")).count();
        }
        if (exit != 0) {
            System.out.println("  (exit code " + exit + ", see " + root + ")");
        }
        return new Run(wall, n - (int) written);
    }

    static void print(String name, Run run, ApiEmulator api, double floor, Window w) {
        List<Recorded> calls = api.requests();
        long first = calls.stream().mapToLong(Recorded::atMs).min().orElse(0);
        long last = calls.stream().filter(r -> r.status() / 100 == 2).mapToLong(Recorded::atMs).max().orElse(0);
        double span = (last - first) / 1000.0;
        int fivexx = calls.stream().mapToInt(r -> r.status() >= 500 ? 1 : 0).sum();
        System.out.printf("%-24s %6.1f  %6.1f  %10.3f  %4d  %3d  %6d  %10d  %4d  %13d%n", name, run.wallSeconds(), span,
                floor > 0 ? span / floor : 0, api.count(429), fivexx, api.count(0), api.duplicateSuccesses(),
                run.lost(), api.maxSuccessesInAnyWindow(w.periodMs()));
        if (System.getenv("SLUICE_BENCH_WINDOWS") != null) {
            // when each window's first request arrived, from the first request: a window apart at best
            long[] at = calls.stream().mapToLong(Recorded::atMs).sorted().toArray();
            StringBuilder starts = new StringBuilder("  window starts, and the spread of its requests (s):");
            for (int k = 0; k < at.length; k += w.limit()) {
                int end = Math.min(at.length, k + w.limit()) - 1;
                starts.append(String.format(" %.2f+%.2f", (at[k] - first) / 1000.0, (at[end] - at[k]) / 1000.0));
            }
            System.out.println(starts);
            // how the first window's requests arrived: the spread every later window inherits
            StringBuilder ramp = new StringBuilder("  first window, its n-th request's arrival (s):");
            for (int k : new int[] { 1, 2, 10, 25, 50, 75, 90, w.limit() }) {
                if (k <= at.length) {
                    ramp.append(String.format(" %d:%.3f", k, (at[k - 1] - first) / 1000.0));
                }
            }
            System.out.println(ramp);
            // every 429: the requests the server held in its window then, the oldest first (status 0: a reset)
            List<Recorded> sorted = calls.stream().sorted(java.util.Comparator.comparingLong(Recorded::atMs)).toList();
            for (Recorded refused : sorted.stream().filter(r -> r.status() == 429).toList()) {
                List<Recorded> held = sorted.stream().filter(r -> r.status() != 429
                        && r.atMs() > refused.atMs() - w.periodMs() && r.atMs() <= refused.atMs()).toList();
                StringBuilder oldest = new StringBuilder();
                held.stream().limit(4).forEach(r -> oldest.append(String.format(" %d ms in (status %d)",
                        r.atMs() - (refused.atMs() - w.periodMs()), r.status())));
                System.out.printf("  429 at %.3f s: %d held in the window before it; oldest:%s%n",
                        (refused.atMs() - first) / 1000.0, held.size(), oldest);
            }
        }
    }
}
