package io.pdfsluice.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.pdfsluice.engine.EngineAccess;

/** Beyond this host the status page takes basic auth whose password is the token, and nothing else. */
class StatusGateTest {

    static final byte[] TOKEN = EngineAccess.sha256("s3cret-token");

    static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTokenAsPasswordOpensItWhateverTheUserName() {
        assertTrue(StatusGate.matches(TOKEN, basic("ops:s3cret-token")));
        assertTrue(StatusGate.matches(TOKEN, basic(":s3cret-token")));
        assertTrue(StatusGate.matches(TOKEN, "basic " + Base64.getEncoder().encodeToString(
                "me:s3cret-token".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(StatusGate.matches(TOKEN, null));
        assertFalse(StatusGate.matches(TOKEN, basic("s3cret-token")), "no colon: no password");
        assertFalse(StatusGate.matches(TOKEN, basic("ops:s3cret-toke")));
        assertFalse(StatusGate.matches(TOKEN, basic("ops:s3cret-token ")));
        assertFalse(StatusGate.matches(TOKEN, "Bearer s3cret-token"));
        assertFalse(StatusGate.matches(TOKEN, "Basic !!!not-base64"));
        assertFalse(StatusGate.matches(TOKEN, "Basic"));
    }

    @Test
    void thePagesPathsAreTheRootAndStatus() {
        assertTrue(EngineAccess.isStatusPage("/"));
        assertTrue(EngineAccess.isStatusPage("/status/now"));
        assertFalse(EngineAccess.isStatusPage("/statusx"));
        assertFalse(EngineAccess.isStatusPage("/v1/render"));
        assertFalse(EngineAccess.isStatusPage("/q/health"));
    }
}
