package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static void assertRefused(ApiShape preset, Set set, String named) {
        String message = assertThrows(IllegalArgumentException.class, () -> preset.with(set)).getMessage();
        assertTrue(message.contains(named), message);
    }
}
