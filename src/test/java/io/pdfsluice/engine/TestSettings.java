package io.pdfsluice.engine;

/**
 * EngineSettings without CDI, defaulting like application.properties and the config mapping, except that pages are
 * drawn by PDFBox (the tests of its page workers, memory and limits) unless {@link #withRenderer} says otherwise.
 */
record TestSettings(int dpi, float jpegQuality, String pageSize, int marginMm, int renderThreads, int renderHeapMb,
        long renderTimeoutMs, int maxPages, String renderer) implements EngineSettings {

    @Override
    public boolean expose() {
        return false;
    }

    @Override
    public java.util.Optional<String> key() {
        return java.util.Optional.empty();
    }

    @Override
    public long jobTtlMs() {
        return 3_600_000;
    }

    TestSettings(int dpi, float jpegQuality, String pageSize, int marginMm, int renderThreads, int renderHeapMb) {
        this(dpi, jpegQuality, pageSize, marginMm, renderThreads, renderHeapMb, 60000, 2000, "pdfbox");
    }

    static TestSettings defaults() {
        return new TestSettings(150, 0.85f, "A4", 18, 0, 96);
    }

    TestSettings withLimits(long timeoutMs, int pages) {
        return new TestSettings(dpi, jpegQuality, pageSize, marginMm, renderThreads, renderHeapMb, timeoutMs, pages, renderer);
    }

    TestSettings withPageSize(String size) {
        return new TestSettings(dpi, jpegQuality, size, marginMm, renderThreads, renderHeapMb, renderTimeoutMs, maxPages,
                renderer);
    }

    TestSettings withDpi(int newDpi) {
        return new TestSettings(newDpi, jpegQuality, pageSize, marginMm, renderThreads, renderHeapMb, renderTimeoutMs,
                maxPages, renderer);
    }

    TestSettings withJpegQuality(float quality) {
        return new TestSettings(dpi, quality, pageSize, marginMm, renderThreads, renderHeapMb, renderTimeoutMs, maxPages,
                renderer);
    }

    TestSettings withRenderThreads(int threads, int heapMbEach) {
        return new TestSettings(dpi, jpegQuality, pageSize, marginMm, threads, heapMbEach, renderTimeoutMs,
                maxPages, renderer);
    }

    TestSettings withRenderer(String name) {
        return new TestSettings(dpi, jpegQuality, pageSize, marginMm, renderThreads, renderHeapMb, renderTimeoutMs,
                maxPages, name);
    }
}
