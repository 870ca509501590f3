package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;

/**
 * A run-once job that meets a spent quota (issue 19) exits 75 (EX_TEMPFAIL) and keeps every undone document for the
 * next run: the file stays in the inbox, nothing is dead-lettered, and one line says how many documents are left. The
 * next run, once the quota is renewed, delivers the rest and sends nothing twice.
 */
class QuotaRunOnceIT {

    @Test
    void aSpentQuotaEndsTheJobWith75AndTheNextRunDeliversTheRest() throws Exception {
        Path root = RunOnceIT.folders("quota-run-once");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY).quota(3)) {
            Map<String, String> env = Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                    "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom",
                    "SLUICE_PLAN_LIMITS", "600/60s", "SLUICE_CONCURRENCY", "2");
            Drop.text(root.resolve("inbox"), "month-end.jsonl", Manifests.jsonl("me", 8));
            Drop.text(root.resolve("inbox"), "later.jsonl", Manifests.jsonl("la", 4));
            App first = App.start(root, env);
            assertEquals(75, first.exitCode(120), "EX_TEMPFAIL: run it again later");
            assertEquals(3, api.successes());
            String log = Files.readString(first.log());
            assertTrue(log.matches("(?s).*Run-once: .*quota.*\\. 9 documents in 2 files stay in the inbox for the next "
                    + "run, none dead-lettered.*"), log);
            assertTrue(Files.exists(root.resolve("inbox/month-end.jsonl")), "the file stays in the inbox");
            assertTrue(Files.exists(root.resolve("inbox/later.jsonl")));
            try (Stream<Path> outbox = Files.walk(root.resolve("outbox"))) {
                assertEquals(0, outbox.filter(p -> p.toString().endsWith(".failures.jsonl")).count(),
                        "nothing dead-lettered");
            }

            api.quota(1_000); // the next period
            assertEquals(0, App.start(root, env).exitCode(120));
            assertEquals(12, api.successes(), "the rest, and nothing twice");
            assertEquals(0, api.duplicateSuccesses());
            assertTrue(Files.exists(root.resolve("inbox/.done/month-end.jsonl")));
            assertTrue(Files.exists(root.resolve("inbox/.done/later.jsonl")));
        }
    }

    /**
     * The quota counted here, with nothing from the API: a month of 3 in the plan's limits ends the first run with 75
     * and a line saying when it renews; a second run in the same month sends nothing (the ledger kept the month);
     * a larger sluice.plan.quota then replaces the month and the rest goes.
     */
    @Test
    void aMonthCountedHereEndsTheJobWith75AndSurvivesTheNextRun() throws Exception {
        Path root = RunOnceIT.folders("local-quota-run-once");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            Map<String, String> env = Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                    "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom",
                    "SLUICE_PLAN_LIMITS", "600/60s,3/month", "SLUICE_CONCURRENCY", "2");
            Drop.text(root.resolve("inbox"), "month-end.jsonl", Manifests.jsonl("me", 5));
            App first = App.start(root, env);
            assertEquals(75, first.exitCode(120));
            assertEquals(3, api.successes());
            String log = Files.readString(first.log());
            assertTrue(log.matches("(?s).*Run-once: the quota of blink is spent \\(3 of 3 conversions this period\\); it "
                    + "renews at \\d{4}-\\d\\d-01T00:00:00\\.020Z\\. 2 documents in 1 files stay in the inbox.*"), log);

            App second = App.start(root, env);
            assertEquals(75, second.exitCode(120), "the ledger kept the month: nothing to send");
            assertEquals(3, api.requests().size(), "not one request more");

            Map<String, String> more = new java.util.HashMap<>(env);
            more.put("SLUICE_PLAN_QUOTA", "10");
            assertEquals(0, App.start(root, more).exitCode(120));
            assertEquals(5, api.successes(), "the rest, and nothing twice");
            assertEquals(0, api.duplicateSuccesses());
        }
    }
}
