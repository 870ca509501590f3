package io.pdfsluice.engine;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tuning of the embedded engine. Every value has a default so the engine works without any configuration.
 */
@ConfigMapping(prefix = "sluice.engine")
public interface EngineSettings {

    /** Resolution of page images, also written into the image files. */
    @WithDefault("150")
    int dpi();

    /** JPEG compression quality between 0 and 1. */
    @WithDefault("0.85")
    float jpegQuality();

    /** Paper size of rendered documents: "A4" or "Letter". */
    @WithDefault("A4")
    String pageSize();

    @WithDefault("18")
    int marginMm();

    /** Threads rendering PDF pages to images; 0: one per core, limited by the heap (renderHeapMb each). */
    @WithDefault("0")
    int renderThreads();

    /** Heap budgeted for one render thread when renderThreads is 0. */
    @WithDefault("96")
    int renderHeapMb();

    /** A render (typesetting, or all the page images of a PDF) still running this long is abandoned; 0: never. */
    @WithDefault("60000")
    long renderTimeoutMs();

    /** A document with more pages than this is refused, typeset or to be drawn as images. */
    @WithDefault("2000")
    int maxPages();

    /** false: the engine's API answers loopback callers only; true: anyone who sends the key. */
    @WithDefault("false")
    boolean expose();

    /** The Bearer key of an exposed engine; unset: sluice.api.key (see EngineAccess.key). */
    Optional<String> key();
}
