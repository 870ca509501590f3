package io.pdfsluice.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * When the engine warms up at start ({@link Engine#warmUp}): when it is the provider. With a hosted API the
 * engine's endpoint still answers, but the engine is not even made until a request comes to it (a static observer
 * makes no instance): its set-up and its warm-up (seconds of CPU) would compete with the first documents of a run
 * that does not use it.
 */
@Singleton
class WarmUp {

    static void onStart(@Observes StartupEvent event, @ConfigProperty(name = "sluice.provider") String provider,
            @ConfigProperty(name = "sluice.run-once") boolean runOnce,
            @ConfigProperty(name = "sluice.queue.enabled") boolean queue,
            @ConfigProperty(name = "sluice.engine.renderer") String renderer,
            @ConfigProperty(name = "sluice.inbox") Path inbox, Instance<Engine> engine) {
        if (needed(provider, runOnce, queue, renderer, inbox)) {
            EngineThreads.startOnce("warm-up", engine.get()::warmUp);
        }
    }

    /** Whether to warm up, from the settings: the engine as the provider, and {@link #needed(boolean, Path)}. */
    static boolean needed(String provider, boolean runOnce, boolean queue, String renderer, Path inbox) {
        return "local".equals(provider) && needed(runOnce && !queue && PopplerPages.find(renderer).isPresent(), inbox);
    }

    /**
     * Whether the engine, as the provider, warms up. A run-once that reads the inbox alone, where pdftoppm draws the
     * page images, does not when its inbox holds PDFs alone: their page images need no typesetting, and the
     * warm-up's fonts and first document would take a tenth of the CPU from a short run of simple pages
     * (docs/BENCHMARKS.md). Where PDFBox draws, the warm-up also draws a page and builds its font cache, which PDFs
     * need. The names only choose whether to warm up: a file called .pdf that is not one is still converted as
     * what its bytes are, on a typesetter that starts cold.
     *
     * @param pdfsMaySkip a run-once of the inbox alone, its page images drawn by pdftoppm
     */
    static boolean needed(boolean pdfsMaySkip, Path inbox) {
        if (!pdfsMaySkip) {
            return true;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> !name.startsWith(".")) // what the inbox does not pick up
                    .anyMatch(name -> !name.toLowerCase(Locale.ROOT).endsWith(".pdf"));
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }
}
