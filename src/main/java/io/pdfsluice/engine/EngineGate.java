package io.pdfsluice.engine;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts {@link EngineAccess} in front of every route of the HTTP server, ahead of the Camel routes and their body
 * handler, so that a refused request is answered before its body is read.
 */
@ApplicationScoped
public class EngineGate {

    private static final Logger LOG = Logger.getLogger(EngineGate.class);
    /** Before the routes Camel adds (order 0 and up) and Quarkus' route filters (minus their priority). */
    private static final int ORDER = -10_000;

    void install(@Observes Router router, EngineSettings settings,
            @ConfigProperty(name = "sluice.api.key") Optional<String> apiKey,
            @ConfigProperty(name = "sluice.document.max-bytes") long maxDocumentBytes,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String managementPath) {
        boolean expose = settings.expose();
        EngineAccess access = new EngineAccess(expose, EngineAccess.key(settings.key(), apiKey), maxDocumentBytes,
                managementRoot(rootPath, managementPath));
        router.route().order(ORDER).handler(context -> admit(access, context));
        LOG.infof(expose ? "Engine API: exposed to every interface, Bearer key required"
                : "Engine API: loopback callers only (sluice.engine.expose=false)");
    }

    private static void admit(EngineAccess access, RoutingContext context) {
        HttpServerRequest request = context.request();
        String remoteHost = peer(request);
        EngineAccess.Refusal refusal = access.check(new EngineAccess.Caller(context.normalizedPath(), remoteHost,
                host(request), forwarded(request), request.getHeader("Origin"), request.getHeader("Authorization"),
                contentLength(request), withoutLength(request)));
        if (refusal == null) {
            context.next();
            return;
        }
        LOG.debugf("Engine API: %d for %s %s from %s", refusal.status(), request.method(), context.normalizedPath(),
                remoteHost);
        var response = context.response().setStatusCode(refusal.status()).putHeader("Content-Type", "application/json");
        if (refusal.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(new JsonObject().put("error", refusal.error()).put("message", refusal.message()).encode());
    }

    /**
     * The connection's peer: with quarkus.http.proxy.proxy-address-forwarding on, remoteAddress() is what the request's
     * headers claim, which anyone can send.
     */
    public static String peer(HttpServerRequest request) {
        SocketAddress remote = request.connection() == null ? request.remoteAddress()
                : request.connection().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** The host the request names, without its port; null when it names none. */
    public static String host(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            return request.authority() == null ? null : request.authority().host();
        }
        host = host.trim();
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    /**
     * Whether a proxy says it passed the request on, by any of the headers proxies add (a proxy that adds none cannot
     * be told from a caller on this host: give it one, or the status page a token).
     */
    public static boolean forwarded(HttpServerRequest request) {
        for (String header : FORWARDING_HEADERS) {
            if (request.getHeader(header) != null) {
                return true;
            }
        }
        return false;
    }

    private static final String[] FORWARDING_HEADERS = { "Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Real-IP", "Via" };

    /** A POST or PUT whose body has no Content-Length: sent in chunks (HTTP/1.1) or as frames (HTTP/2). */
    private static boolean withoutLength(HttpServerRequest request) {
        return (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT)
                && request.getHeader("Content-Length") == null;
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP server refuses it anyway
        }
    }

    /** /q, or under the root path when the management path is relative to it (Quarkus' own rule). */
    static String managementRoot(String rootPath, String managementPath) {
        if (managementPath.startsWith("/")) {
            return managementPath;
        }
        String root = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        return root + managementPath;
    }
}
