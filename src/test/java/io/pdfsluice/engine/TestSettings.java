package io.pdfsluice.engine;

/** EngineSettings without CDI, defaulting like the config mapping. */
record TestSettings(int dpi, float jpegQuality, String pageSize, int marginMm, int renderThreads, int renderHeapMb)
        implements EngineSettings {

    static TestSettings defaults() {
        return new TestSettings(150, 0.85f, "A4", 18, 0, 96);
    }

    TestSettings withPageSize(String size) {
        return new TestSettings(dpi, jpegQuality, size, marginMm, renderThreads, renderHeapMb);
    }

    TestSettings withDpi(int newDpi) {
        return new TestSettings(newDpi, jpegQuality, pageSize, marginMm, renderThreads, renderHeapMb);
    }

    TestSettings withJpegQuality(float quality) {
        return new TestSettings(dpi, quality, pageSize, marginMm, renderThreads, renderHeapMb);
    }

    TestSettings withRenderThreads(int threads, int heapMbEach) {
        return new TestSettings(dpi, jpegQuality, pageSize, marginMm, threads, heapMbEach);
    }
}
