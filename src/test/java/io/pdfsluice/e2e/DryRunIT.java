package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;

/**
 * The dry run as an operator sizes a plan with it: seed 000's example, 10,000 invoices within 30 minutes, whose answer
 * is Business. Nothing is called, nothing moves.
 */
class DryRunIT {

    @Test
    void tenThousandInvoicesWithinThirtyMinutesNeedBusiness() throws Exception {
        Path root = RunOnceIT.folders("dry-run");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            Drop.text(root.resolve("inbox"), "invoices.jsonl", Manifests.jsonl("inv", 10_000));
            Drop.bytes(root.resolve("inbox"), "scan.pdf", Drop.pdf(1));
            Drop.text(root.resolve("inbox"), "broken.jsonl", "{\"id\":\"no-body\"}\n");
            // a link is not read, as a run would not read it
            Path elsewhere = Drop.text(root, "elsewhere.jsonl", Manifests.jsonl("other", 5));
            Files.createSymbolicLink(root.resolve("inbox/linked.jsonl"), elsewhere.toAbsolutePath());
            App app = App.start(root, Map.of("SLUICE_DRY_RUN", "true", "SLUICE_DRY_RUN_DEADLINE", "30m",
                    "SLUICE_PROVIDER", "blink", "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY,
                    "SLUICE_PLAN", "pro",
                    "SLUICE_PROVIDERS_SCANS_PROFILE", "changethisfile", "SLUICE_PROVIDERS_SCANS_URL", api.url(),
                    "SLUICE_PROVIDERS_SCANS_KINDS", "pdf"));
            assertEquals(0, app.exitCode(120));
            String log = Files.readString(app.log());
            assertTrue(log.contains("Dry run: 3 files, 10001 documents"), log);
            assertTrue(log.contains("(1 that would fail at intake)"), log);
            assertTrue(log.contains("not read: 1 symbolic links, which a run files under .failed/ (linked.jsonl)"), log);
            assertTrue(log.contains("Provider blink (blink): 10000 documents in 10000 requests"), log);
            assertTrue(log.contains("10000 documents within 30.0 min: business is the cheapest plan that does it"), log);
            assertTrue(log.contains("Provider scans (changethisfile): 1 documents in 1 requests"), log);
            assertTrue(log.matches("(?s).*your pro\\s+83\\.0 min\\s+84\\s+10000.*"), log);
            assertEquals(0, api.requests().size(), "a dry run calls no API");
            assertTrue(Files.exists(root.resolve("inbox/invoices.jsonl")), "and moves no file");
            assertTrue(Files.notExists(root.resolve("outbox/invoices.report.json")));
        }
    }
}
