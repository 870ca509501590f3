package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Run-once, as a batch job runs it: the packaged jar, configured from the environment, exits with a verdict. */
class RunOnceIT {

    @Test
    void runOnceExitsZeroWhenEveryDocumentSucceeded() throws Exception {
        Path root = folders("run-once-ok");
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nFrom a batch job.");
        Drop.text(root.resolve("inbox"), "batch.jsonl", "{\"id\":\"a\",\"markdown\":\"# A\"}\n{\"id\":\"b\",\"markdown\":\"# B\"}\n");
        // the packaged app without the queue and the cluster needs no broker and no Redis: both point nowhere
        assertEquals(0, App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_RABBITMQ_PORT", "1",
                "SLUICE_REDIS_PORT", "1")).exitCode(120));
        assertTrue(Files.exists(root.resolve("outbox/hello.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/batch/a.pdf")) && Files.exists(root.resolve("outbox/batch/b.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/.done/batch.jsonl")));
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

    static Path folders(String name) throws IOException {
        Path root = Folders.ROOT.resolve(name);
        Folders.clean(root);
        return root;
    }
}
