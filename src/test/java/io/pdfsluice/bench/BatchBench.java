package io.pdfsluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
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
 * Batch benchmark (a program that prints figures, not a test): pdfRelay's Batch API through the packaged app
 * against the rate-limited emulator on loopback. Each count of documents goes in batches of up to 50; the anchor, in
 * the same run, is the same plan one document a request.
 *
 * <pre>
 * bash bench/batch [limit/period=60/60s] [anchor-documents=120] [documents=3000,6000]
 * </pre>
 */
public final class BatchBench {

    static final String KEY = "sk_bench_0000";

    public static void main(String[] args) throws Exception {
        String limits = args.length > 0 ? args[0] : "60/60s";
        int anchor = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        String counts = args.length > 2 ? args[2] : "3000,6000";
        Plan plan = Plan.of("custom", limits);
        Window window = new Window(plan.primary().limit(), plan.primary().periodMs());
        System.out.printf("plan %s, latency 150+-100 ms per request%n", plan);
        System.out.println("run                          docs  requests  wall_s  span_s  floor_s  docs/min  429s"
                + "  lost  duplicates  max_requests_in_window  max_items");
        try (ApiEmulator api = ApiEmulator.start()) {
            if (anchor > 0) {
                run(api, window, plan, "one document a request", anchor, limits, "1");
            }
            for (String count : counts.split(",")) {
                run(api, window, plan, "batches of up to 50", Integer.parseInt(count.trim()), limits, null);
            }
        }
    }

    static void run(ApiEmulator api, Window window, Plan plan, String name, int n, String limits, String batchSize)
            throws Exception {
        api.reset();
        api.requireKey(KEY).limits(window).latency(150, 100, 42).sameAnswerEveryTime();
        Path root = Folders.ROOT.resolveSibling("bench").resolve("batch-" + n + (batchSize == null ? "" : "-single"));
        Folders.clean(root);
        Drop.text(root.resolve("inbox"), "bench.jsonl", Manifests.jsonl("doc", n));
        Map<String, String> env = new HashMap<>(Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "pdfrelay",
                "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", KEY, "SLUICE_PLAN", "custom",
                "SLUICE_PLAN_LIMITS", limits));
        if (batchSize != null) {
            env.put("SLUICE_API_BATCH_SIZE", batchSize);
        }
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
        List<Recorded> calls = api.requests();
        long first = calls.stream().mapToLong(Recorded::atMs).min().orElse(0);
        long last = calls.stream().filter(r -> r.status() / 100 == 2).mapToLong(Recorded::atMs).max().orElse(0);
        double span = (last - first) / 1000.0;
        long requests = calls.stream().filter(r -> r.status() / 100 == 2).count();
        List<String> items = api.batchItemsConverted();
        int converted = batchSize == null ? items.size() : api.successes();
        int duplicates = batchSize == null ? items.size() - new HashSet<>(items).size() : api.duplicateSuccesses();
        int maxItems = api.batchSizes().stream().mapToInt(Integer::intValue).max().orElse(1);
        double floor = Floor.floorMs(plan, requests) / 1000.0;
        System.out.printf("%-27s %5d  %8d  %6.1f  %6.1f  %7.1f  %8.0f  %4d  %4d  %10d  %22d  %9d%n", name, n, requests,
                wall, span, floor, span > 0 ? converted / span * 60 : 0, api.count(429), n - written, duplicates,
                api.maxSuccessesInAnyWindow(window.periodMs()), maxItems);
    }
}
