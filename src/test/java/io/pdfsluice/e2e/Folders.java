package io.pdfsluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Fresh inbox and outbox folders for one test class, with fast polling; the same paths in @QuarkusIntegrationTest. */
public class Folders implements QuarkusTestResourceLifecycleManager {

    public static final Path ROOT = Path.of("target", "e2e").toAbsolutePath();

    private String name = "default";
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> args) {
        this.args = args;
        name = args.getOrDefault("name", name);
    }

    @Override
    public Map<String, String> start() {
        Path root = ROOT.resolve(name);
        clean(root);
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "sluice.inbox", root.resolve("inbox").toString(),
                "sluice.outbox", root.resolve("outbox").toString(),
                "sluice.inbox.min-age-ms", "200",
                "sluice.inbox.poll-ms", "100"));
        args.forEach((key, value) -> {
            if (key.startsWith("sluice.")) {
                config.put(key, value); // any other knob a test class needs
            }
        });
        return config;
    }

    @Override
    public void stop() {
        // outputs stay under target/ for a look after a failed run
    }

    public static Path inbox(String name) {
        return ROOT.resolve(name).resolve("inbox");
    }

    public static Path outbox(String name) {
        return ROOT.resolve(name).resolve("outbox");
    }

    public static void clean(Path root) {
        try {
            delete(root);
            Files.createDirectories(root.resolve("inbox"));
            Files.createDirectories(root.resolve("outbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it, if it is there. */
    public static void delete(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
