package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Window;

/**
 * A run-once job as a person starts it at a terminal: the packaged jar under a pseudo-terminal (util-linux
 * script), whose screen shows a live progress line for the file, and every log line still there; and the same job
 * with its output to a file, which shows none.
 */
class TerminalProgressIT {

    static final Pattern LINE = Pattern.compile("\033\\[2K(notes\\.jsonl \\[[#-]{24}\\] (\\d+)/60[^\n]*)");

    static Map<String, String> env(ApiEmulator api) {
        return Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_PROVIDER", "blink", "SLUICE_API_URL", api.url(),
                "SLUICE_API_KEY", HostedApi.KEY, "SLUICE_PLAN", "custom", "SLUICE_PLAN_LIMITS", "15/1s",
                "SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1", "TERM", "xterm");
    }

    @Test
    void aTerminalShowsALiveLinePerFileAndKeepsEveryLogLine() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script) || "true".equals(System.getenv("CI")), "no util-linux script");
        Path root = RunOnceIT.folders("terminal-progress");
        Drop.text(root.resolve("inbox"), "notes.jsonl", Manifests.jsonl("note", 60));
        Path screen = root.resolve("typescript");
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            api.limits(new Window(15, 1_000));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec",
                    java + " -jar " + App.JAR.toAbsolutePath(), screen.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("script.out").toFile());
            pb.environment().put("SLUICE_INBOX", root.resolve("inbox").toString());
            pb.environment().put("SLUICE_OUTBOX", root.resolve("outbox").toString());
            pb.environment().put("SLUICE_INBOX_MIN_AGE_MS", "100");
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                pb.environment().put("PORT", String.valueOf(free.getLocalPort()));
            }
            pb.environment().putAll(env(api));
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the job ended");
            assertEquals(0, p.exitValue());
        }
        // the console's colours (SGR sequences) go; the progress lines' own sequences stay
        String shown = Files.readString(screen, StandardCharsets.UTF_8).replaceAll("\033\\[[0-9;]*m", "");
        Matcher m = LINE.matcher(shown);
        List<Integer> counts = new java.util.ArrayList<>();
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(2)));
        }
        assertTrue(counts.size() >= 2 && counts.get(0) < 60, "live lines as the file went: " + counts);
        assertTrue(shown.contains("notes.jsonl: 60 ok, 0 failed"), "the file's log line is there");
        assertFalse(shown.contains("60 ended (") || shown.contains("of 60 ended"), "no progress log line besides");
    }

    @Test
    void withoutATerminalTheLogHasItsProgressLinesAndNoneDrawn() throws Exception {
        Path root = RunOnceIT.folders("no-terminal-progress");
        Drop.text(root.resolve("inbox"), "notes.jsonl", Manifests.jsonl("note", 60));
        App app;
        try (ApiEmulator api = ApiEmulator.start().requireKey(HostedApi.KEY)) {
            api.limits(new Window(15, 1_000));
            Map<String, String> env = new java.util.HashMap<>(env(api));
            env.put("SLUICE_REPORT_PROGRESS_MS", "1000");
            app = App.start(root, env);
            assertEquals(0, app.exitCode(120));
        }
        String log = Files.readString(app.log(), StandardCharsets.UTF_8);
        assertFalse(log.contains("\033[2K"), "nothing drawn into a file");
        assertTrue(log.contains("of 60 ended"), "the progress log lines");
    }
}
