package io.pdfsluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pdfsluice.e2e.App;
import io.pdfsluice.e2e.Drop;
import io.pdfsluice.e2e.Folders;
import io.pdfsluice.e2e.Manifests;
import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;

/**
 * Not a test: start-up against a plan that does not bind (600/min), 300 documents, next to the vendor's naive
 * script in the same run. For each run of the packaged app: from the process start to the first request at the
 * API, and the whole run (JVM start to exit). JVM options come from SLUICE_BENCH_JVM (an AppCDS or AOT archive),
 * the java binary from SLUICE_BENCH_JAVA. Usage: {@code bash bench/startup [runs=3]}.
 */
public final class StartupBench {

    static final String KEY = "sk_bench_0000";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int n = 300;
        String[] jvm = ClusterBench.jvmOptions();
        System.out.printf("start-up: %d documents at 600/60s, latency 20+-10 ms, JVM options: %s%n", n,
                jvm.length == 0 ? "none" : String.join(" ", jvm));
        try (ApiEmulator api = ApiEmulator.start()) {
            for (int run = 1; run <= runs; run++) {
                api.reset();
                api.requireKey(KEY).limits(new Window(600, 60_000)).latency(20, 10, 42);
                NaiveScript.Result naive = new NaiveScript(api.url(), KEY, 40).run(n);
                api.reset();
                api.requireKey(KEY).limits(new Window(600, 60_000)).latency(20, 10, 42);
                Path root = Folders.ROOT.resolveSibling("bench").resolve("startup");
                Folders.clean(root);
                Drop.text(root.resolve("inbox"), "bench.jsonl", Manifests.jsonl("doc", n));
                long startMs = System.currentTimeMillis();
                long start = System.nanoTime();
                int exit = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                        "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", KEY, "SLUICE_PLAN", "custom",
                        "SLUICE_PLAN_LIMITS", "600/60s"), jvm).exitCode(600);
                double wall = (System.nanoTime() - start) / 1e9;
                List<Recorded> requests = new ArrayList<>(api.requests());
                long first = requests.stream().mapToLong(Recorded::atMs).min().orElse(startMs);
                long last = requests.stream().mapToLong(Recorded::atMs).max().orElse(startMs);
                System.out.printf("run %d: naive script %.2f s (%d delivered); pdf-sluice first request %.2f s after "
                        + "the process started, last %.2f s, whole run %.2f s, exit %d, %d requests%n", run,
                        naive.wallSeconds(), naive.delivered(), (first - startMs) / 1000.0, (last - startMs) / 1000.0,
                        wall, exit, requests.size());
            }
        }
    }
}
