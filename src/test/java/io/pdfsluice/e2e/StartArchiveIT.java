package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The start-up archive, used as the README and the JVM image start the app: it fits the jar and the JVM, and it
 * holds the app's own classes, not only the JDK's. The JVM is told to refuse to start without it ({@code -Xshare:on}
 * for AppCDS, {@code -XX:AOTMode=on} for the AOT cache), so a stale or unusable archive fails here instead of
 * costing a warning.
 */
class StartArchiveIT {

    /** The archive {@code ./mvnw package} wrote beside the jar, with the java that runs this build. */
    @Test
    void theArchiveOfThePackageStepStartsTheAppWithItsOwnClassesMapped() throws Exception {
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = Path.of("target", "pdf-sluice-runner.jsa").toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), "the package step wrote no " + archive
                + " (see its cds-archive warning; -Dsluice.cds.skip=true makes none)");
        // application.properties stays out of the jar: its values were recorded at build time, and reading it at
        // start would open the whole jar as a zip file system
        try (ZipFile jar = new ZipFile(App.JAR.toFile())) {
            assertNull(jar.getEntry("application.properties"), App.JAR + " holds application.properties");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        runBatchMapped(java, "start-archive", aot ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"));
    }

    /**
     * The JVM image's way: docker/cds-archive.sh run with a Java 25 writes an AOT cache (not AppCDS), which that
     * Java then starts the app with. Needs a Java 25 beside the build's (SLUICE_TEST_JAVA25, or one under
     * /usr/lib/jvm); skipped without one.
     */
    @Test
    void theScriptWritesAnAotCacheWithJava25ThatStartsTheApp() throws Exception {
        Optional<Path> java25 = java25();
        assumeTrue(java25.isPresent(), "no Java 25 here");
        Path root = RunOnceIT.folders("start-archive-25");
        Path archive = root.resolve("pdf-sluice.aot");
        ProcessBuilder script = new ProcessBuilder("bash", "docker/cds-archive.sh", App.JAR.toString(),
                archive.toString()).redirectErrorStream(true).redirectOutput(root.resolve("cds-archive.log").toFile());
        script.environment().put("CDS_JAVA", java25.get().toString());
        Process recording = script.start();
        assertTrue(recording.waitFor(300, TimeUnit.SECONDS), "docker/cds-archive.sh did not end within 300 s");
        assertEquals(0, recording.exitValue(), "see " + root.resolve("cds-archive.log"));
        assertTrue(Files.readString(root.resolve("cds-archive.log")).contains("wrote the AOT cache"),
                "the script made no AOT cache with Java 25: see " + root.resolve("cds-archive.log"));
        runBatchMapped(java25.get().toString(), "start-archive-25-run",
                List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on"));
    }

    private static void runBatchMapped(String java, String name, List<String> archive) throws IOException,
            InterruptedException {
        Path root = RunOnceIT.folders(name);
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nStarted from the archive.");
        Drop.text(root.resolve("inbox"), "batch.jsonl", Manifests.jsonl("doc", 3));
        List<String> jvm = new ArrayList<>(archive);
        jvm.add("-Xlog:class+load=info");
        App app = App.startWith(java, root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_QUEUE_ENABLED", "false",
                "SLUICE_CLUSTER_ENABLED", "false"), jvm.toArray(String[]::new));
        assertEquals(0, app.exitCode(120), "see " + app.log());
        assertTrue(Files.exists(root.resolve("outbox/hello.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/batch/doc-003.pdf")));

        // the app's classes, Camel's and Quarkus's came from the archive, not from the jar
        List<String> loaded = Files.readAllLines(app.log());
        // values set only in application.properties hold, for Camel (the context's name) and for the app
        assertTrue(loaded.stream().anyMatch(l -> l.contains("Apache Camel") && l.contains("(pdf-sluice) started")),
                "camel.context.name from application.properties did not hold; see " + app.log());
        assertTrue(loaded.stream().anyMatch(l -> l.contains("sluice.inbox.poll-ms = 250")),
                "sluice.inbox.poll-ms from application.properties did not hold; see " + app.log());
        for (String className : List.of("io.pdfsluice.inbox.RunOnce", "org.apache.camel.impl.DefaultCamelContext",
                "io.quarkus.runtime.Application")) {
            String line = loaded.stream().filter(l -> l.contains(" " + className + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(className + " was not loaded; see " + app.log()));
            assertTrue(line.contains("shared objects file"), className + " was not mapped from the archive: " + line);
        }
    }

    private static Optional<Path> java25() throws IOException {
        String given = System.getenv("SLUICE_TEST_JAVA25");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(jvms)) {
            return all.filter(dir -> dir.getFileName().toString().matches(".*-25([.-].*)?"))
                    .map(dir -> dir.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst();
        }
    }
}
