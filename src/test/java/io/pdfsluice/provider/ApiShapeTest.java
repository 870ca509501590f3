package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A profile's preset with the operator's parts in place, and the settings that stop start-up with a reason. */
class ApiShapeTest {

    /** sluice.api.* as an operator sets it: path, method, body and template, the rest unset. */
    record Set(Optional<String> path, Optional<String> method, Optional<String> body, Optional<String> template)
            implements
                ApiConfig.Request {

        static Set nothing() {
            return new Set(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public Optional<String> markdownPath() {
            return Optional.empty();
        }

        @Override
        public Optional<String> filePart() {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> markdownAsHtml() {
            return Optional.empty();
        }

        @Override
        public Optional<String> accept() {
            return Optional.empty();
        }

        @Override
        public Optional<String> auth() {
            return Optional.empty();
        }

        @Override
        public Optional<String> retryAfterField() {
            return Optional.empty();
        }

        @Override
        public Optional<String> asyncPath() {
            return Optional.empty();
        }

        @Override
        public Optional<String> batchPath() {
            return Optional.empty();
        }

        @Override
        public Optional<Integer> batchSize() {
            return Optional.empty();
        }

        @Override
        public ApiConfig.RateHeaders headers() {
            return null;
        }
    }

    @Test
    void aPresetKeepsWhatIsNotSetAndTakesWhatIs() {
        ApiShape pdfrelay = ApiShape.preset("pdfrelay").orElseThrow()
                .with(new Set(Optional.of("/v2/render"), Optional.of("put"), Optional.empty(), Optional.empty()));
        assertEquals("/v2/render", pdfrelay.path());
        assertEquals("PUT", pdfrelay.method());
        assertEquals(ApiShape.PDFRELAY.template(), pdfrelay.template());
        ApiShape gotenberg = ApiShape.preset("gotenberg").orElseThrow().with(Set.nothing());
        assertEquals(Optional.of("/forms/chromium/convert/markdown"), gotenberg.markdownPath());
        ApiShape moved = ApiShape.preset("gotenberg").orElseThrow()
                .with(new Set(Optional.of("/pdf/html"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(Optional.empty(), moved.markdownPath(), "a path of one's own is not mixed with the preset's");
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheKey() {
        assertRefused(ApiShape.CUSTOM, Set.nothing(), "sluice.api.path");
        assertRefused(ApiShape.CUSTOM, new Set(Optional.of("api/v1/pdf"), Optional.empty(), Optional.empty(),
                Optional.empty()), "sluice.api.path=api/v1/pdf");
        assertRefused(ApiShape.FUNBREW, new Set(Optional.empty(), Optional.of("DELETE"), Optional.empty(),
                Optional.empty()), "sluice.api.method=DELETE");
        assertRefused(ApiShape.FUNBREW, new Set(Optional.empty(), Optional.empty(), Optional.of("xml"),
                Optional.empty()), "sluice.api.body=xml");
        assertRefused(ApiShape.FUNBREW, new Set(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("{\"html\": \"{{body}}\"}")), "{{body}}");
        String auth = assertThrows(IllegalArgumentException.class, () -> ApiKey.scheme("token")).getMessage();
        assertTrue(auth.contains("sluice.api.auth=token"), auth);
        assertEquals("header:X-API-Key", ApiKey.scheme(" header:X-API-Key "));
    }

    @Test
    void pdfRelayBatchesUnlessTheBatchIsOneDocumentAndABatchNeedsAJsonBody() {
        ApiShape pdfrelay = ApiShape.preset("pdfrelay").orElseThrow().with(Set.nothing());
        assertTrue(pdfrelay.batches());
        assertEquals(Optional.of("/v1/batch"), pdfrelay.batchPath());
        assertEquals(50, pdfrelay.batchSize());
        ApiShape funbrew = ApiShape.preset("funbrew").orElseThrow().with(Set.nothing());
        assertFalse(funbrew.batches(), "FUNBREW has no batch endpoint");
        String message = assertThrows(IllegalArgumentException.class,
                () -> ApiShape.preset("gotenberg").orElseThrow().with(Batch.of("/batch", 10))).getMessage();
        assertTrue(message.contains("sluice.api.batch-path=/batch") && message.contains("JSON body"), message);
        message = assertThrows(IllegalArgumentException.class,
                () -> ApiShape.preset("pdfrelay").orElseThrow().with(Batch.of("/v1/batch", 0))).getMessage();
        assertTrue(message.contains("sluice.api.batch-size=0"), message);
        assertEquals(1, ApiShape.preset("pdfrelay").orElseThrow().with(Batch.of("/v1/batch", 1)).batchSize());
        assertFalse(ApiShape.preset("pdfrelay").orElseThrow().with(Batch.of("/v1/batch", 1)).batches());
    }

    /** sluice.api.batch-path and batch-size set, the rest unset. */
    record Batch(Optional<String> batchPath, Optional<Integer> batchSize) implements ApiConfig.Request {

        static Batch of(String path, int size) {
            return new Batch(Optional.of(path), Optional.of(size));
        }

        @Override
        public Optional<String> path() {
            return Optional.empty();
        }

        @Override
        public Optional<String> markdownPath() {
            return Optional.empty();
        }

        @Override
        public Optional<String> method() {
            return Optional.empty();
        }

        @Override
        public Optional<String> body() {
            return Optional.empty();
        }

        @Override
        public Optional<String> template() {
            return Optional.empty();
        }

        @Override
        public Optional<String> filePart() {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> markdownAsHtml() {
            return Optional.empty();
        }

        @Override
        public Optional<String> accept() {
            return Optional.empty();
        }

        @Override
        public Optional<String> auth() {
            return Optional.empty();
        }

        @Override
        public Optional<String> retryAfterField() {
            return Optional.empty();
        }

        @Override
        public Optional<String> asyncPath() {
            return Optional.empty();
        }

        @Override
        public ApiConfig.RateHeaders headers() {
            return null;
        }
    }

    private static void assertRefused(ApiShape preset, Set set, String named) {
        String message = assertThrows(IllegalArgumentException.class, () -> preset.with(set)).getMessage();
        assertTrue(message.contains(named), message);
    }
}
