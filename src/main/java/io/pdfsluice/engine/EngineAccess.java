package io.pdfsluice.engine;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * Who may call the engine's HTTP API, decided from what a request says about itself, apart from HTTP: loopback
 * callers only, unless the engine is exposed, and then only with the Bearer key; and how large a render body may be.
 * Health and metrics (under the management root, /q) are open to anyone.
 */
public final class EngineAccess {

    /** What a refused request is answered: the status and the engine's JSON error. */
    public record Refusal(int status, String error, String message) {
    }

    static final String RENDER_PATH = "/v1/render";
    static final String CONVERT_PATH = "/v1/convert";
    static final String JOBS_PATH = "/v1/jobs";
    /**
     * Where APIs call back (a finished job): not the engine's, and open like /q, because the API is not on this host
     * and has no engine key. Every callback proves itself with the shared secret's signature instead.
     */
    public static final String CALLBACKS_ROOT = "/callbacks/";
    /**
     * The status page ({@code /} and under {@code /status}): not the engine's. Its own gate (io.pdfsluice.status)
     * lets loopback callers in, and others only with sluice.status.token.
     */
    public static final String STATUS_ROOT = "/status";
    /** Room in a render body besides the text: the JSON around it and the title. */
    static final long RENDER_ENVELOPE_BYTES = 64 * 1024;

    private final boolean exposed;
    private final byte[] keyDigest;
    private final long maxDocumentBytes;
    private final long renderBodyLimit;
    private final String managementRoot;

    /**
     * @throws IllegalStateException when the engine is exposed without a key
     */
    public EngineAccess(boolean exposed, Optional<String> key, long maxDocumentBytes, String managementRoot) {
        if (exposed && key.isEmpty()) {
            throw new IllegalStateException("sluice.engine.expose=true serves the engine's API beyond this host, "
                    + "which needs a key: set sluice.engine.key (SLUICE_ENGINE_KEY) or sluice.api.key (SLUICE_API_KEY)");
        }
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("sluice.document.max-bytes must be at least 1, not " + maxDocumentBytes);
        }
        this.exposed = exposed;
        this.keyDigest = exposed ? sha256(key.get()) : null;
        this.maxDocumentBytes = maxDocumentBytes;
        // JSON escaping can double a text (every newline becomes \n).
        this.renderBodyLimit = maxDocumentBytes > (Long.MAX_VALUE - RENDER_ENVELOPE_BYTES) / 2 ? Long.MAX_VALUE
                : 2 * maxDocumentBytes + RENDER_ENVELOPE_BYTES;
        this.managementRoot = managementRoot.endsWith("/") ? managementRoot.substring(0, managementRoot.length() - 1)
                : managementRoot;
    }

    /** The key the engine expects when exposed, and the one pdf-sluice sends to its own engine. */
    public static Optional<String> key(Optional<String> engineKey, Optional<String> apiKey) {
        return engineKey.filter(k -> !k.isBlank()).or(() -> apiKey.filter(k -> !k.isBlank()));
    }

    public boolean exposed() {
        return exposed;
    }

    /**
     * A request as the gate sees it.
     *
     * @param peer the connection's peer address as text (not what a proxy header says), null when unknown
     * @param host the host the request names (Host), without its port; null when it names none
     * @param forwarded whether a proxy says it passed the request on (Forwarded, X-Forwarded-For)
     * @param origin the Origin header, which browsers send and other clients do not; or null
     * @param chunked whether the body comes in chunks, of a length not said beforehand
     */
    public record Caller(String path, String peer, String host, boolean forwarded, String origin, String authorization,
            long contentLength, boolean chunked) {
    }

    /** Null to let the request through, otherwise why not. */
    public Refusal check(Caller caller) {
        String path = caller.path();
        if (path.equals(managementRoot) || path.startsWith(managementRoot + "/") || path.startsWith(CALLBACKS_ROOT)
                || isStatusPage(path)) {
            return null;
        }
        if (caller.origin() != null) {
            // a page in a browser may send a simple POST anywhere, this host's loopback included, without asking
            return new Refusal(403, "forbidden", "the engine's API does not answer pages in a browser (the request "
                    + "has an Origin header)");
        }
        if (!exposed && !isLocal(caller.peer(), caller.host(), caller.forwarded())) {
            return new Refusal(403, "forbidden", "the engine's API answers callers on this host only "
                    + "(sluice.engine.expose=false): from a loopback address, not through a proxy, under a loopback "
                    + "name (this request: from " + caller.peer() + (caller.forwarded() ? ", through a proxy" : "")
                    + ", Host " + caller.host() + ")");
        }
        if (exposed && !keyMatches(caller.authorization())) {
            return new Refusal(401, "unauthorized", caller.authorization() == null
                    ? "the engine's API needs an Authorization: Bearer <key> header"
                    : "the engine's API did not accept this key");
        }
        // every path but the two that take a PDF is held to a render's size, however it is spelled (/v1/render/)
        if (!takesPdf(path) && caller.contentLength() > renderBodyLimit) {
            return new Refusal(413, "too_large", "the request body has " + caller.contentLength() + " bytes, more "
                    + "than the " + renderBodyLimit + " a render takes (twice sluice.document.max-bytes="
                    + maxDocumentBytes + ", for JSON escaping, and 64 KiB)");
        }
        if (caller.chunked()) {
            return new Refusal(411, "length_required", "a body needs a Content-Length: one sent in chunks could not be "
                    + "held to its limit before it is read");
        }
        return null;
    }

    /** The paths whose body is a PDF, up to quarkus.http.limits.max-body-size. */
    private static boolean takesPdf(String path) {
        return path.equals(CONVERT_PATH) || path.equals(JOBS_PATH) || path.startsWith(JOBS_PATH + "/");
    }

    /**
     * Whether a request comes from this host: its connection's peer is a loopback address, no proxy says it passed
     * the request on (a proxy on this host forwards other hosts' callers), and it names this host by a loopback name
     * or none (a page of another site whose name now points here, DNS rebinding, names that site).
     */
    public static boolean isLocal(String peer, String host, boolean forwarded) {
        if (forwarded || !isLoopback(peer)) {
            return false;
        }
        if (host == null || host.isEmpty()) {
            return true;
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        name = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || isLoopback(name)
                || name.equals(LocalName.NAME);
    }

    /** This machine's own name (Debian maps it to 127.0.1.1), looked up once, at the first request that needs it. */
    private static final class LocalName {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            } catch (java.io.IOException unknown) {
                return "localhost";
            }
        }
    }

    /** The status page's paths: the page itself at {@code /} and everything under {@code /status}. */
    public static boolean isStatusPage(String path) {
        return path.equals("/") || path.equals("/index.html") || path.equals(STATUS_ROOT)
                || path.startsWith(STATUS_ROOT + "/");
    }

    /** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; an address that is not an IP literal is not loopback. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        // Never a name lookup: only a literal address is parsed.
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        return address != null && address.isLoopbackAddress();
    }

    /** Compares digests with MessageDigest.isEqual, whose time depends on neither key's content or length. */
    private boolean keyMatches(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return false;
        }
        return MessageDigest.isEqual(keyDigest, sha256(value.substring(space + 1).trim()));
    }

    /** The SHA-256 of a secret's UTF-8 bytes, to compare with MessageDigest.isEqual. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
