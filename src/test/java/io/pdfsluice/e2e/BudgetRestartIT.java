package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;

/**
 * The plan's budget survives the process (issue 19): a run-once job that spends the window, then the next run a
 * moment later, as cron would start it, and a run killed with -9 in the middle of a window. The API counts them all in
 * one window; pdf-sluice, reading its ledger, never sends a request its own history makes a 429.
 */
class BudgetRestartIT {

    @Test
    void theNextRunWaitsForTheWindowTheLastOneSpent() throws Exception {
        Path root = RunOnceIT.folders("budget-restart");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY).limits(new Window(5, 15_000))) {
            Map<String, String> env = Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                    "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom",
                    "SLUICE_PLAN_LIMITS", "5/15s");
            Drop.text(root.resolve("inbox"), "first.jsonl", Manifests.jsonl("first", 5));
            assertEquals(0, App.start(root, env).exitCode(120));

            Drop.text(root.resolve("inbox"), "second.jsonl", Manifests.jsonl("second", 5));
            assertEquals(0, App.start(root, env).exitCode(120));
            assertEquals(10, api.successes());
            assertEquals(0, api.count(429), "the second run knew the first one's window");
            assertTrue(api.maxSuccessesInAnyWindow(15_000) <= 5);

            // killed with its requests in flight: they still count after the restart
            Drop.text(root.resolve("inbox"), "third.jsonl", Manifests.jsonl("third", 5));
            App killed = App.start(root, env);
            long until = System.currentTimeMillis() + 60_000;
            while (api.successes() < 11 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            killed.kill();
            assertEquals(0, App.start(root, env).exitCode(120));
            assertEquals(0, api.count(429), "the run after the kill knew the killed one's window");
            assertTrue(api.maxSuccessesInAnyWindow(15_000) <= 5);
            assertTrue(Files.exists(root.resolve("inbox/.done/third.jsonl")));
            try (var state = Files.list(root.resolve("outbox/.state"))) {
                assertTrue(state.anyMatch(p -> p.toString().endsWith(".ledger")),
                        "the ledger is under sluice.state, the outbox's .state by default");
            }
        }
    }
}
