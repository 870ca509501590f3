package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.HostileArchives;
import io.pdfsluice.emulator.TrickledHead;
import io.pdfsluice.emulator.Window;

/** Run-once, as a batch job runs it: the packaged jar, configured from the environment, exits with a verdict. */
class RunOnceIT {

    @Test
    void runOnceExitsZeroWhenEveryDocumentSucceeded() throws Exception {
        Path root = folders("run-once-ok");
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nFrom a batch job.");
        Drop.text(root.resolve("inbox"), "batch.jsonl",
                "{\"id\":\"a\",\"markdown\":\"# A\"}\n{\"id\":\"b\",\"markdown\":\"# B\"}\n");
        // the packaged app without the queue and the cluster needs no broker and no Redis: both point nowhere
        assertEquals(0, App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_RABBITMQ_PORT", "1",
                "SLUICE_REDIS_PORT", "1")).exitCode(120));
        assertTrue(Files.exists(root.resolve("outbox/hello.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/batch/a.pdf")) && Files.exists(root.resolve("outbox/batch/b.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/.done/batch.jsonl")));
    }

    @Test
    void anEmptyInboxSaysWhereItLookedAndExitsZero() throws Exception {
        Path root = folders("run-once-empty");
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
        assertEquals(0, app.exitCode(120));
        String log = Files.readString(app.log());
        assertTrue(log.contains("Run-once: " + root.resolve("inbox").toAbsolutePath() + " held no file to convert"), log);
    }

    @Test
    void aFolderInTheInboxIsNamedAsNotReadAndTheVerdictIsSaidOnce() throws Exception {
        Path root = folders("run-once-folder");
        Drop.text(root.resolve("inbox"), "top.md", "# Top");
        Drop.text(Files.createDirectories(root.resolve("inbox/march")), "nested.md", "# Nested");
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
        assertEquals(0, app.exitCode(120));
        assertTrue(Files.exists(root.resolve("outbox/top.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/march/nested.md")), "a folder's files are left where they are");
        String log = Files.readString(app.log());
        assertTrue(log.contains("march/ in the inbox is a folder, and the inbox takes the files at its top only"), log);
        assertEquals(1, log.split("Run-once: the inbox is done", -1).length - 1, "the verdict is said once: " + log);
    }

    @Test
    void aSymbolicLinkInTheInboxIsFiledUnreadAndTheRunExitsOne() throws Exception {
        Path root = folders("run-once-link");
        Path secret = Files.writeString(root.resolve("secret.md"), "# Not for the API");
        Drop.text(root.resolve("inbox"), "top.md", "# Top");
        Files.createSymbolicLink(root.resolve("inbox/notes.md"), secret.toAbsolutePath());
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
        assertEquals(1, app.exitCode(120), "a file was not read");
        assertTrue(Files.exists(root.resolve("outbox/top.pdf")), "the other file goes on");
        assertFalse(Files.exists(root.resolve("outbox/notes.pdf")), "the link's target was not converted");
        assertTrue(Files.isSymbolicLink(root.resolve("inbox/.failed/notes.md")), "the link itself is filed");
        assertEquals("# Not for the API", Files.readString(secret));
        String log = Files.readString(app.log());
        assertTrue(log.contains("notes.md: not read: it is a symbolic link (to " + secret.toAbsolutePath() + ")"), log);
    }

    @Test
    void runOnceExitsWhenItsLastFileIsFiledNotAtTheNextPoll() throws Exception {
        Path root = folders("run-once-filed");
        Drop.text(root.resolve("inbox"), "first.md", "# First");
        Drop.text(root.resolve("inbox"), "second.jsonl", "{\"id\":\"a\",\"markdown\":\"# A\"}\n");
        // the first poll takes both files; the next one is ten minutes away, past the time this run is given
        assertEquals(0, App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_INBOX_POLL_MS", "600000",
                "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1")).exitCode(60));
        assertTrue(Files.exists(root.resolve("inbox/.done/first.md")));
        assertTrue(Files.exists(root.resolve("inbox/.done/second.jsonl")));
        assertTrue(Files.exists(root.resolve("outbox/first.pdf")) && Files.exists(root.resolve("outbox/second/a.pdf")));
    }

    @Test
    void runOnceExitsOneWhenADocumentFailed() throws Exception {
        Path root = folders("run-once-failed");
        Drop.text(root.resolve("inbox"), "good.md", "# Good");
        Drop.text(root.resolve("inbox"), "broken.jsonl", "{\"id\":\"x\"}\n");
        assertEquals(1, App.start(root, Map.of("SLUICE_RUN_ONCE", "true")).exitCode(120));
        assertTrue(Files.exists(root.resolve("outbox/good.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/broken.failures.jsonl")));
        assertTrue(Files.exists(root.resolve("inbox/.failed/broken.jsonl")));
    }

    @Test
    void runOnceExitsOneAtOnceWhenTheApiAnswersAHostileArchive() throws Exception {
        Path root = folders("run-once-hostile");
        Drop.bytes(root.resolve("inbox"), "scan.pdf", Drop.pdf(2));
        Drop.text(root.resolve("inbox"), "memo.md", "# Memo");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            api.answerIf(r -> r.query().equals("target=jpg"), 200, "application/zip", HostileArchives.UNSAFE_NAME.bytes());
            assertEquals(1, App.start(root, hosted(api, Map.of())).exitCode(60));
        }
        assertTrue(Files.exists(root.resolve("inbox/.failed/scan.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/.done/memo.md")));
        assertTrue(Files.readString(root.resolve("outbox/scan.report.json")).contains("unsafe entry name"));
        assertFalse(Files.exists(root.resolve("outbox/scan")));
    }

    @Test
    void anHoursRetryAfterEndsTheRunOnceAtItsMaxWaitNotInAnHour() throws Exception {
        Path root = folders("run-once-retry-after");
        // one request at a time: the first is converted, the second gets a 429 with an hour's Retry-After, and the
        // third finds every request paused for that hour when it comes to the limiter (in whichever order they go)
        Drop.text(root.resolve("inbox"), "batch.jsonl", "{\"id\":\"a\",\"markdown\":\"# A\"}\n"
                + "{\"id\":\"b\",\"markdown\":\"# B\"}\n{\"id\":\"c\",\"markdown\":\"# C\"}\n");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY).limits(new Window(1, 3_600_000))) {
            // it exits, and within the minute given, not in an hour
            assertEquals(1, App.start(root, hosted(api, Map.of("SLUICE_CONCURRENCY", "1", "SLUICE_RETRY_MAX_WAIT_MS",
                    "3000"))).exitCode(60));
            assertEquals(2, api.requests().size(), "the third document was not sent into the pause");
        }
        String report = Files.readString(root.resolve("outbox/batch.report.json"));
        assertTrue(report.contains("longer than a run-once waits (sluice.retry.max-wait-ms=3000)"), report);
        try (var pdfs = Files.list(root.resolve("outbox/batch"))) {
            assertEquals(1, pdfs.count(), "the one document sent before the 429 is converted");
        }
        assertTrue(Files.exists(root.resolve("inbox/.failed/batch.jsonl")));
    }

    @Test
    void anApiThatSendsItsHeadAByteAtATimeFailsTheDocumentAsATimeoutAndTheRunEnds() throws Exception {
        Path root = folders("run-once-trickled-head");
        Drop.text(root.resolve("inbox"), "memo.md", "# Memo");
        // each byte of the status line and headers well inside the 1 s socket timeout: before the head had its own
        // bound, every attempt waited for its 20,000 bytes, 1,000 s, and the run-once with it
        try (TrickledHead api = TrickledHead.start(50)) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER",
                    "changethisfile", "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN",
                    "custom", "SLUICE_PLAN_LIMITS", "600/60s", "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
            env.putAll(Map.of("SLUICE_API_RESPONSE_TIMEOUT_MS", "1000", "SLUICE_API_TIMEOUT_LEARN", "false",
                    "SLUICE_RETRY_ATTEMPTS", "2", "SLUICE_RETRY_BASE_MS", "100"));
            assertEquals(1, App.start(root, env).exitCode(90));
            assertTrue(api.requests() >= 1, "the API was called");
        }
        String report = Files.readString(root.resolve("outbox/memo.report.json"));
        assertTrue(report.contains("the answer's head had not come"), report);
        assertTrue(Files.exists(root.resolve("inbox/.failed/memo.md")));
    }

    @Test
    void aDocumentThatNeverEndsIsFailedAtTheBatchTimeoutAndRunOnceExitsOne() throws Exception {
        Path root = folders("run-once-hung");
        // one document in flight at a time: the others go past the stuck one all the same
        Drop.text(root.resolve("inbox"), "batch.jsonl", "{\"id\":\"stuck\",\"markdown\":\"# Stuck\"}\n"
                + "{\"id\":\"queued\",\"markdown\":\"# Queued\"}\n{\"id\":\"fine\",\"markdown\":\"# Fine\"}\n");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            // the API takes the request and never answers; the client's own timeout is far away
            api.hangIf(r -> r.bodyText().contains("Stuck"));
            App app = App.start(root, hosted(api, Map.of("SLUICE_BATCH_TIMEOUT_MS", "4000",
                    "SLUICE_API_RESPONSE_TIMEOUT_MS", "600000", "SLUICE_CONCURRENCY", "1")));
            assertEquals(1, app.exitCode(90));
        }
        JsonNode report = new ObjectMapper().readTree(root.resolve("outbox/batch.report.json").toFile());
        assertEquals(3, report.get("documents").asInt(), report::toString);
        assertEquals(1, report.get("failed").asInt(), report::toString);
        assertEquals(2, report.get("ok").asInt(), report::toString);
        assertTrue(report.toString().contains("did not end within 4000 ms"), report::toString);
        assertTrue(Files.exists(root.resolve("outbox/batch/fine.pdf")));
        String deadLetters = Files.readString(root.resolve("outbox/batch.failures.jsonl"));
        assertTrue(deadLetters.contains("\"id\":\"stuck\""), deadLetters);
        assertTrue(Files.exists(root.resolve("outbox/batch/queued.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/.failed/batch.jsonl")));
        assertTrue(Files.readString(root.resolve("outbox/batch.failures.jsonl")).contains("\"id\":\"stuck\""));
    }

    @Test
    void theEmbeddedEngineOnPortZeroIsRefusedAtStartAndTheInboxIsLeftAsItWas() throws Exception {
        Path root = folders("run-once-port-zero");
        Drop.text(root.resolve("inbox"), "memo.md", "# Memo");
        // PORT=0 lets the OS pick the HTTP port, but the engine's address is set from the port before it is known
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "PORT", "0", "SLUICE_RABBITMQ_PORT", "1",
                "SLUICE_REDIS_PORT", "1"));
        assertEquals(1, app.exitCode(60));
        String log = Files.readString(app.log());
        assertTrue(log.contains("the embedded engine is called at http://127.0.0.1:0, and port 0 is no port to call"),
                log);
        assertTrue(Files.exists(root.resolve("inbox/memo.md")), "nothing was taken from the inbox");
        assertFalse(Files.exists(root.resolve("inbox/.failed")), "nothing was failed");
    }

    /** The jar against the emulator (ChangeThisFile shape), run once, needing neither a broker nor Redis. */
    private static Map<String, String> hosted(ApiEmulator api, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER",
                "changethisfile", "SLUICE_API_URL", api.url(), "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom",
                "SLUICE_PLAN_LIMITS", "600/60s", "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"));
        env.putAll(more);
        return env;
    }

    static Path folders(String name) throws IOException {
        Path root = Folders.ROOT.resolve(name);
        Folders.clean(root);
        return root;
    }
}
