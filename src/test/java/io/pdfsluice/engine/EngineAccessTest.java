package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may call the engine. The end-to-end tests can only call from loopback (no other address may be a test
 * target), so the refusal of other addresses is tested here, on the decision itself.
 */
class EngineAccessTest {

    private static final long MIB = 1 << 20;

    private final EngineAccess closed = new EngineAccess(false, Optional.empty(), 8 * MIB, "/q");
    private final EngineAccess exposed = new EngineAccess(true, Optional.of("s3cret"), 8 * MIB, "/q");

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1" })
    void loopbackCallersMayUseAClosedEngineWithoutAKey(String host) {
        assertTrue(EngineAccess.isLoopback(host), host);
        assertNull(check(closed, "/v1/render", host, null, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.7", "192.168.1.20", "0.0.0.0", "::", "fe80::1", "2001:db8::1", "::ffff:10.0.0.1",
            "localhost", "127.0.0.1.example.com", "" })
    void otherCallersAreForbiddenAClosedEngine(String host) {
        assertFalse(EngineAccess.isLoopback(host), host);
        EngineAccess.Refusal refusal = check(closed, "/v1/render", host, "Bearer anything", 100);
        assertEquals(403, refusal.status());
        assertTrue(refusal.message().contains("sluice.engine.expose=false"), refusal.message());
    }

    /** A request from {@code peer} that names no host, no proxy and no Origin, with a body of known length. */
    static EngineAccess.Refusal check(EngineAccess access, String path, String peer, String authorization, long length) {
        return access.check(new EngineAccess.Caller(path, peer, null, false, null, authorization, length, false));
    }

    static EngineAccess.Caller caller(String path, String host, boolean forwarded, String origin, long length,
            boolean chunked) {
        return new EngineAccess.Caller(path, "127.0.0.1", host, forwarded, origin, null, length, chunked);
    }

    @Test
    void aLoopbackPeerIsThisHostOnlyWithoutAProxyAndUnderALoopbackName() {
        assertTrue(EngineAccess.isLocal("127.0.0.1", null, false));
        for (String name : new String[] { "localhost", "LOCALHOST", "localhost.", "app.localhost", "127.0.0.1",
                "127.0.1.1", "[::1]", "::1" }) {
            assertTrue(EngineAccess.isLocal("127.0.0.1", name, false), name);
        }
        // a proxy on this host passes on other hosts' callers; a rebound name is another site's page
        assertFalse(EngineAccess.isLocal("127.0.0.1", "localhost", true), "forwarded");
        assertFalse(EngineAccess.isLocal("127.0.0.1", "evil.example", false), "DNS rebinding");
        assertFalse(EngineAccess.isLocal("10.0.0.7", "localhost", false), "another host");
        assertEquals(403, closed.check(caller("/v1/render", "127.0.0.1", true, null, 100, false)).status());
        assertEquals(403, closed.check(caller("/v1/render", "evil.example", false, null, 100, false)).status());
        assertNull(closed.check(caller("/v1/render", "127.0.0.1", false, null, 100, false)));
    }

    @Test
    void aPageInABrowserIsRefusedEvenFromThisHost() {
        // a text/plain POST goes out of any page without asking: the Origin header says a browser sent it
        EngineAccess.Refusal refusal = closed.check(caller("/v1/render", "127.0.0.1", false, "http://evil.example",
                100, false));
        assertEquals(403, refusal.status());
        assertTrue(refusal.message().contains("does not answer pages in a browser"), refusal.message());
        assertEquals(403, exposed.check(new EngineAccess.Caller("/v1/jobs", "10.0.0.7", "pdf.example", false,
                "http://evil.example", "Bearer s3cret", 100, false)).status());
    }

    @Test
    void everyPathButThePdfOnesIsHeldToARendersSizeAndEveryBodyNeedsALength() {
        long over = 2 * 8 * MIB + EngineAccess.RENDER_ENVELOPE_BYTES + 1;
        for (String path : new String[] { "/v1/render", "/v1/render/", "//v1//render", "/v1/%72ender", "/v1/other" }) {
            assertEquals(413, closed.check(caller(path, "localhost", false, null, over, false)).status(), path);
            assertEquals(411, closed.check(caller(path, "localhost", false, null, -1, true)).status(), path);
        }
        for (String path : new String[] { "/v1/convert", "/v1/jobs", "/v1/jobs/abc/download" }) {
            assertNull(closed.check(caller(path, "localhost", false, null, over, false)), path);
            // a PDF streams to disk: only a Content-Length holds it to quarkus.http.limits.max-body-size
            assertEquals(411, closed.check(caller(path, "localhost", false, null, -1, true)).status(), path);
        }
    }

    @Test
    void aCallerWithoutAnAddressIsForbidden() {
        assertEquals(403, check(closed, "/v1/jobs", null, null, -1).status());
    }

    @Test
    void healthAndMetricsAreOpenToAnyone() {
        assertNull(check(closed, "/q/health/ready", "10.0.0.7", null, -1));
        assertNull(check(closed, "/q/metrics", "10.0.0.7", null, -1));
        assertNull(check(exposed, "/q", "10.0.0.7", null, -1));
        assertEquals(403, check(closed, "/qx/health", "10.0.0.7", null, -1).status());
    }

    @Test
    void anExposedEngineWantsTheBearerKeyFromEveryone() {
        assertNull(check(exposed, "/v1/render", "10.0.0.7", "Bearer s3cret", 100));
        assertNull(check(exposed, "/v1/jobs/abc", "10.0.0.7", "bearer  s3cret ", -1));
        for (String wrong : new String[] { null, "", "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cret2",
                "Basic s3cret", "s3cret", "Bearer S3CRET" }) {
            EngineAccess.Refusal refusal = check(exposed, "/v1/render", "127.0.0.1", wrong, 100);
            assertEquals(401, refusal == null ? 200 : refusal.status(), String.valueOf(wrong));
            assertFalse(refusal.message().contains("s3cret"), refusal.message());
        }
    }

    @Test
    void exposingWithoutAKeyFailsWithAClearMessage() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new EngineAccess(true, EngineAccess.key(Optional.of("  "), Optional.empty()), MIB, "/q"));
        assertTrue(error.getMessage().contains("sluice.engine.key"), error.getMessage());
    }

    @Test
    void theEngineKeyFallsBackToTheApiKey() {
        assertEquals(Optional.of("e"), EngineAccess.key(Optional.of("e"), Optional.of("a")));
        assertEquals(Optional.of("a"), EngineAccess.key(Optional.of(" "), Optional.of("a")));
        assertEquals(Optional.empty(), EngineAccess.key(Optional.empty(), Optional.of("")));
    }

    @Test
    void aRenderBodyLargerThanTwiceTheDocumentSizeIsTooLarge() {
        long limit = 16 * MIB + EngineAccess.RENDER_ENVELOPE_BYTES;
        assertNull(check(closed, "/v1/render", "127.0.0.1", null, limit));
        EngineAccess.Refusal refusal = check(closed, "/v1/render", "127.0.0.1", null, limit + 1);
        assertEquals(413, refusal.status());
        assertTrue(refusal.message().contains("sluice.document.max-bytes=8388608"), refusal.message());
        // PDFs are held to the server's body limit (quarkus.http.limits.max-body-size) and the page limit
        assertNull(check(closed, "/v1/convert", "127.0.0.1", null, limit + 1));
    }

    @Test
    void theManagementRootFollowsQuarkusRules() {
        assertEquals("/q", EngineGate.managementRoot("/", "q"));
        assertEquals("/app/q", EngineGate.managementRoot("/app", "q"));
        assertEquals("/manage", EngineGate.managementRoot("/app", "/manage"));
    }
}
