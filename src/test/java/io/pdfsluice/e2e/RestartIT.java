package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;

/** kill -9 in the middle of a batch, start again: nothing already written is sent again, nothing is lost. */
class RestartIT {

    @Test
    void aRestartAfterKillMinusNineSendsNothingThatWasAlreadyWritten() throws Exception {
        Path root = RunOnceIT.folders("restart");
        Path outbox = root.resolve("outbox/batch");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY).limits(new Window(10, 1000))
                .latency(50, 20, 1)) {
            Map<String, String> env = Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink",
                    "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom",
                    "SLUICE_PLAN_LIMITS", "10/1s");
            Drop.text(root.resolve("inbox"), "batch.jsonl", Manifests.jsonl("doc", 60));

            App first = App.start(root, env);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> written(outbox).size() >= 15);
            first.kill();
            Set<String> before = written(outbox);
            long restartedAt = System.currentTimeMillis();

            assertEquals(0, App.start(root, env).exitCode(120));
            assertEquals(60, written(outbox).size(), "every document is delivered");
            Set<String> resent = api.requests().stream().filter(r -> r.atMs() >= restartedAt)
                    .map(RestartIT::id).collect(Collectors.toSet());
            resent.retainAll(before);
            assertTrue(resent.isEmpty(), "sent again although already written: " + resent);
            assertTrue(Files.exists(root.resolve("inbox/.done/batch.jsonl")));
        }
    }

    private static Set<String> written(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toSet());
        }
    }

    /** "doc-007" from a Blink request whose title is "doc 007". */
    private static String id(Recorded r) {
        String title = r.bodyText().replaceAll(".*\"title\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return title.replace(' ', '-');
    }
}
