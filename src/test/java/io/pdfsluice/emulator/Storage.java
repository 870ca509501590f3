package io.pdfsluice.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pdfsluice.emulator.Renders.Reply;

/**
 * Another origin on loopback (its own port) serving job results at pre-signed URLs, as object storage does:
 * {@code GET /objects/{job}?X-Signature=...}. Like S3, it answers 400 to a request that carries an Authorization
 * header besides the signature. It records every request it receives.
 */
final class Storage {

    static final String PREFIX = "/objects/";
    static final String SIGNATURE = "X-Signature";

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "api-emulator-storage");
        t.setDaemon(true);
        return t;
    });
    private final Jobs jobs;
    private final Renders renders;
    private final List<Recorded> received = new ArrayList<>();

    Storage(Jobs jobs, Renders renders) throws IOException {
        this.jobs = jobs;
        this.renders = renders;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The pre-signed URL of a job's result. */
    String urlOf(String job) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + job + "?" + SIGNATURE + "=sig-" + job;
    }

    synchronized List<Recorded> received() {
        return List.copyOf(received);
    }

    synchronized void clear() {
        received.clear();
    }

    void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            String path = exchange.getRequestURI().getPath();
            Reply reply;
            if (headers.containsKey("authorization")) {
                reply = renders.error(400, "invalid_argument", "Only one auth mechanism allowed; only the "
                        + SIGNATURE + " parameter or the Authorization header should be specified", Map.of());
            } else if (!path.startsWith(PREFIX) || query == null || !query.equals(SIGNATURE + "=sig-"
                    + path.substring(PREFIX.length()))) {
                reply = renders.error(403, "access_denied", "The request signature does not match.", Map.of());
            } else {
                reply = jobs.download(path.substring(PREFIX.length()), renders);
            }
            synchronized (this) {
                received.add(new Recorded(exchange.getRequestMethod(), path, query == null ? "" : query,
                        Map.copyOf(headers), new byte[0], System.currentTimeMillis(), reply.status()));
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
