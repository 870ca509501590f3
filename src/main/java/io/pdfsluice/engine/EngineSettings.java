package io.pdfsluice.engine;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded engine's configuration, sluice.engine.*. The knobs an operator sets have their default, with a
 * comment, in the top-level application.properties (and none here); the internals an operator never needs to set
 * have their default here and are not in application.properties.
 */
@ConfigMapping(prefix = "sluice.engine")
public interface EngineSettings {

    /** Resolution of page images, between 1 and 1200 DPI, also written into the image files. */
    int dpi();

    /** JPEG compression quality between 0 and 1. */
    float jpegQuality();

    /** What draws page images: auto (poppler's pdftoppm when on the PATH, else PDFBox), poppler, or pdfbox. */
    String renderer();

    /** Paper size of rendered documents without an @page size of their own: "A4" or "Letter". */
    String pageSize();

    /** The page margin of rendered documents, in millimetres. */
    int marginMm();

    /** Threads rendering PDF pages to images; 0: one per core, limited by the heap (renderHeapMb each). */
    int renderThreads();

    /**
     * Heap budgeted for one render thread when renderThreads is 0: a full-page raster, its own copy of the PDF's
     * parsed resources and a few encoded pages.
     */
    @WithDefault("96")
    int renderHeapMb();

    /** A render (typesetting, or all the page images of a PDF) still running this long is abandoned; 0: never. */
    long renderTimeoutMs();

    /** A document with more pages than this is refused, typeset or to be drawn as images. */
    int maxPages();

    /** false: the engine's API answers loopback callers only; true: anyone who sends the key. */
    boolean expose();

    /** The Bearer key of an exposed engine; unset: sluice.api.key (see EngineAccess.key). */
    Optional<String> key();

    /** A finished conversion job of the engine's jobs API, and its files, are kept this long (1 hour). */
    @WithDefault("3600000")
    long jobTtlMs();
}
