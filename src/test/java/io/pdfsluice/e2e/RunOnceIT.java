package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Run-once, as a batch job runs it: the packaged jar, configured from the environment, exits with a verdict. */
class RunOnceIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void runOnceExitsZeroWhenEveryDocumentSucceeded() throws Exception {
        Path root = folders("run-once-ok");
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nFrom a batch job.");
        Drop.text(root.resolve("inbox"), "batch.jsonl", "{\"id\":\"a\",\"markdown\":\"# A\"}\n{\"id\":\"b\",\"markdown\":\"# B\"}\n");
        assertEquals(0, run(root));
        assertTrue(Files.exists(root.resolve("outbox/hello.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/batch/a.pdf")) && Files.exists(root.resolve("outbox/batch/b.pdf")));
        assertTrue(Files.exists(root.resolve("inbox/.done/batch.jsonl")));
    }

    @Test
    void runOnceExitsOneWhenADocumentFailed() throws Exception {
        Path root = folders("run-once-failed");
        Drop.text(root.resolve("inbox"), "good.md", "# Good");
        Drop.text(root.resolve("inbox"), "broken.jsonl", "{\"id\":\"x\"}\n");
        assertEquals(1, run(root));
        assertTrue(Files.exists(root.resolve("outbox/good.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/broken.failures.jsonl")));
        assertTrue(Files.exists(root.resolve("inbox/.failed/broken.jsonl")));
    }

    private static Path folders(String name) throws IOException {
        Path root = Folders.ROOT.resolve(name);
        Folders.clean(root);
        return root;
    }

    private static int run(Path root) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("app.log").toFile());
        pb.environment().put("SLUICE_RUN_ONCE", "true");
        pb.environment().put("SLUICE_INBOX", root.resolve("inbox").toString());
        pb.environment().put("SLUICE_OUTBOX", root.resolve("outbox").toString());
        pb.environment().put("SLUICE_INBOX_MIN_AGE_MS", "100");
        pb.environment().put("PORT", String.valueOf(freePort()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run-once did not exit within 120 s; see " + root.resolve("app.log"));
        }
        return p.exitValue();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
