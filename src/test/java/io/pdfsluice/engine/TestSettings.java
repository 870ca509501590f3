package io.pdfsluice.engine;

/** EngineSettings without CDI, defaulting like the config mapping. */
record TestSettings(int dpi, float jpegQuality, String pageSize, int marginMm) implements EngineSettings {

    static TestSettings defaults() {
        return new TestSettings(150, 0.85f, "A4", 18);
    }

    TestSettings withPageSize(String size) {
        return new TestSettings(dpi, jpegQuality, size, marginMm);
    }

    TestSettings withDpi(int newDpi) {
        return new TestSettings(newDpi, jpegQuality, pageSize, marginMm);
    }
}
