package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The start-up archive that {@code ./mvnw package} writes beside the jar (docker/cds-archive.sh), used as the README
 * starts the app: it fits this jar and this JVM, and it holds the app's own classes, not only the JDK's. The JVM is
 * told to refuse to start without it ({@code -Xshare:on} for AppCDS, {@code -XX:AOTMode=on} for the AOT cache), so
 * a stale or unusable archive fails here instead of costing a warning.
 */
class StartArchiveIT {

    @Test
    void theArchiveOfThePackageStepStartsTheAppWithItsOwnClassesMapped() throws Exception {
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = Path.of("target", aot ? "pdf-sluice-runner.aot" : "pdf-sluice-runner.jsa").toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), "the package step wrote no " + archive);
        List<String> strict = aot ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");

        Path root = RunOnceIT.folders("start-archive");
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nStarted from the archive.");
        Drop.text(root.resolve("inbox"), "batch.jsonl", Manifests.jsonl("doc", 3));
        String[] jvm = java.util.stream.Stream.concat(strict.stream(), java.util.stream.Stream.of("-Xlog:class+load=info"))
                .toArray(String[]::new);
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true", "SLUICE_QUEUE_ENABLED", "false",
                "SLUICE_CLUSTER_ENABLED", "false"), jvm);
        assertEquals(0, app.exitCode(120), "see " + app.log());
        assertTrue(Files.exists(root.resolve("outbox/hello.pdf")));
        assertTrue(Files.exists(root.resolve("outbox/batch/doc-003.pdf")));

        // the app's classes, Camel's and Quarkus's came from the archive, not from the jar
        List<String> loaded = Files.readAllLines(app.log());
        for (String name : List.of("io.pdfsluice.inbox.RunOnce ", "org.apache.camel.impl.DefaultCamelContext ",
                "io.quarkus.runtime.Application ")) {
            String line = loaded.stream().filter(l -> l.contains(" " + name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name.trim() + " was not loaded; see " + app.log()));
            assertTrue(line.contains("shared objects file"), name.trim() + " was not mapped from the archive: " + line);
        }
    }
}
