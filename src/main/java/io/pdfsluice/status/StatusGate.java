package io.pdfsluice.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.pdfsluice.engine.EngineAccess;
import io.pdfsluice.engine.EngineGate;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the status page from strangers, ahead of every other route: callers on this host see it (EngineAccess.isLocal:
 * a loopback peer, no proxy in between, a loopback name in Host); others only with
 * HTTP basic auth whose password is sluice.status.token, and not at all while no token is set. Its answers are never
 * cached or framed, and its scripts come from this server only (Content-Security-Policy).
 */
@ApplicationScoped
public class StatusGate {

    private static final Logger LOG = Logger.getLogger(StatusGate.class);
    /** Before the engine's gate (-10,000), which lets these paths through to this one. */
    private static final int ORDER = -10_001;

    void install(@Observes Router router, StatusConfig config) {
        Optional<byte[]> token = config.token().filter(t -> !t.isBlank()).map(EngineAccess::sha256);
        router.route().order(ORDER).handler(context -> admit(token, context));
        LOG.infof(token.isPresent() ? "Status page: at / for this host, and beyond it with the token (basic auth)"
                : "Status page: at / for callers on this host only (set sluice.status.token to serve it beyond)");
    }

    private static void admit(Optional<byte[]> token, RoutingContext context) {
        if (!EngineAccess.isStatusPage(context.normalizedPath())) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        boolean local = EngineAccess.isLocal(EngineGate.peer(request), EngineGate.host(request),
                EngineGate.forwarded(request));
        var response = context.response();
        response.putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'");
        if (local || token.isPresent() && matches(token.get(), request.getHeader("Authorization"))) {
            context.next();
            return;
        }
        if (token.isPresent()) {
            response.setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"pdf-sluice\", charset=\"UTF-8\"")
                    .end("The status page needs its token (sluice.status.token) as the basic-auth password.\n");
        } else {
            response.setStatusCode(403).end("The status page answers callers on this host only; set "
                    + "sluice.status.token to serve it beyond.\n");
        }
    }

    /** Basic auth with the token as password, compared by digest in constant time; the user name is not checked. */
    static boolean matches(byte[] token, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "basic ", 0, 6)) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = pair.indexOf(':');
        return colon >= 0 && MessageDigest.isEqual(token, EngineAccess.sha256(pair.substring(colon + 1)));
    }
}
