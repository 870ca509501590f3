package io.pdfsluice.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged app as an operator runs it: {@code java -jar}, configured from the environment, in its own JVM. */
public final class App {

    public static final Path JAR = Path.of("target", "pdf-sluice-runner.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private App(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with inbox and outbox under {@code root} plus the given environment; logs to root/app-N.log. */
    public static App start(Path root, Map<String, String> env, String... jvmOptions) throws IOException {
        return startWith(javaBin(), root, env, jvmOptions);
    }

    /** The same, on another java (a path to its {@code bin/java}). */
    public static App startWith(String java, Path root, Map<String, String> env, String... jvmOptions)
            throws IOException {
        Path log = root.resolve("app-" + System.nanoTime() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SLUICE_INBOX", root.resolve("inbox").toString());
        pb.environment().put("SLUICE_OUTBOX", root.resolve("outbox").toString());
        pb.environment().put("SLUICE_INBOX_MIN_AGE_MS", "100");
        pb.environment().put("PORT", String.valueOf(freePort()));
        pb.environment().putAll(env);
        return new App(pb.start(), log, Integer.parseInt(pb.environment().get("PORT")));
    }

    /** Waits for a run-once to end and returns its exit code. */
    public int exitCode(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app did not exit within " + timeoutSeconds + " s; see " + log);
        }
        return process.exitValue();
    }

    /** The exit code if the app ended within {@code seconds}, else null (it goes on running). */
    public Integer exitedWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    /** SIGTERM, as an orchestrator stops it (shutdown hooks run: a profiler agent writes its output); then kill -9. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** kill -9: no shutdown hook, no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** The HTTP port it listens on (health, metrics, the engine). */
    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The test's own JVM, or another one for benchmarks: SLUICE_BENCH_JAVA=/usr/lib/jvm/.../bin/java. */
    private static String javaBin() {
        String other = System.getenv("SLUICE_BENCH_JAVA");
        if (other != null && !other.isBlank()) {
            return other;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
