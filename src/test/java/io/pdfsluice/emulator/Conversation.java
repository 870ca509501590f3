package io.pdfsluice.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import io.pdfsluice.emulator.KeyWindows.Outcome;
import io.pdfsluice.emulator.KeyWindows.Verdict;
import io.pdfsluice.emulator.Renders.Reply;

/** One request from arrival to answer (or to a deliberate silence). */
final class Conversation {

    private final ApiEmulator emulator;
    private final HttpExchange exchange;

    Conversation(ApiEmulator emulator, HttpExchange exchange) {
        this.emulator = emulator;
        this.exchange = exchange;
    }

    void run() throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getRawQuery();
        Recorded received = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query == null ? "" : query, headers(), body, 0, 0);
        Renders renders = emulator.renders();
        if (Jobs.isLookup(received)) {
            lookUpJob(received, renders);
            return;
        }
        Admission.Turn turn = emulator.admit(received);
        Recorded request = turn.request();
        Verdict verdict = turn.verdict();
        if (verdict == null) {
            answer(request, false, renders.error(401, "invalid API key"));
            return;
        }
        if (emulator.sendsRetryAfterHeader()) {
            limitHeaders(verdict);
        }
        if (verdict.outcome() == Outcome.QUOTA_EXCEEDED) {
            answer(request, false, renders.error(429, "quota_exceeded", "The monthly quota is used up.", Map.of()));
            return;
        }
        if (verdict.outcome() == Outcome.RATE_LIMITED) {
            long seconds = Math.max(1, (verdict.retryAfterMs() + 999) / 1000);
            if (emulator.sendsRetryAfterHeader()) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            }
            Reply limited = emulator.profiles().rateLimited(request.path(), seconds, verdict.limit(), renders);
            emulator.rateLimited(limited.body());
            answer(request, false, limited);
            return;
        }
        Faults.Plan plan = turn.plan();
        if (plan.reset() || plan.hangsForever()) {
            // status 0: no response; returning without headers makes the server drop the connection
            emulator.tally().record(request, true);
            if (plan.hangsForever()) {
                emulator.hangUntilStopped();
            }
            return;
        }
        long began = System.nanoTime();
        Reply reply = plan.status() != 0 ? renders.error(plan.status(), plan.message()) : route(request, renders);
        emulator.tally().record(request.answered(reply.status()), true);
        if (!emulator.pause(plan.delayMs() + plan.hangMs())) {
            return;
        }
        if (reply.status() / 100 == 2) {
            exchange.getResponseHeaders().set("X-Render-Ms",
                    emulator.renderMs((System.nanoTime() - began) / 1_000_000));
        }
        send(reply, emulator.scripted().bytesPerSecond(request));
    }

    /** An emulator bug still answers, as a 500 the test can see, unless the headers are already out. */
    void failed(RuntimeException e) {
        if (exchange.getResponseCode() < 0) {
            try {
                send(emulator.renders().error(500, "emulator_bug", e.toString(), Map.of()));
            } catch (IOException | RuntimeException ignored) {
                // the connection is closed below either way
            }
        }
    }

    /** Job polls and downloads: the key check only; no limiter, faults or latency, and never counted. */
    private void lookUpJob(Recorded received, Renders renders) throws IOException {
        Admission.Pass pass = emulator.pass(received);
        String location = pass.allowed() ? emulator.jobs().redirectOf(pass.request().path()) : null;
        if (location != null) {
            emulator.tally().recordUncounted(pass.request().answered(302));
            exchange.getResponseHeaders().set("Location", location);
            send(renders.error(302, "found", "The result is at " + location, Map.of()));
            return;
        }
        Reply reply = pass.allowed()
                ? emulator.jobs().lookup(pass.request().path(), emulator.url(), renders)
                : renders.error(401, "invalid API key");
        emulator.tally().recordUncounted(pass.request().answered(reply.status()));
        send(reply);
    }

    private Reply route(Recorded request, Renders renders) {
        Reply scripted = emulator.scripted().answer(request);
        if (scripted != null) {
            return scripted;
        }
        if (Profiles.knows(request.path())) {
            return emulator.profiles().answer(request, renders, emulator.jobs(), emulator.url());
        }
        boolean render = request.path().equals("/v1/render");
        if (request.path().equals("/v1/jobs")) {
            return request.method().equals("POST")
                    ? emulator.jobs().submit(request, parameter(request.query(), "target"),
                            parameter(request.query(), "callback_url"), emulator.url(), renders)
                    : renders.error(405, request.path() + " accepts POST only.");
        }
        if (!render && !request.path().equals("/v1/convert")) {
            return renders.error(404, "No such endpoint: " + request.path());
        }
        if (!request.method().equals("POST")) {
            return renders.error(405, request.path() + " accepts POST only.");
        }
        if (render) {
            return renders.render(request.body());
        }
        String target = parameter(request.query(), "target");
        return renders.convert(target == null ? null : target.toLowerCase(Locale.ROOT), request.body());
    }

    private void limitHeaders(Verdict verdict) {
        Headers out = exchange.getResponseHeaders();
        if (verdict.limited()) {
            out.set("X-RateLimit-Limit", Integer.toString(verdict.limit()));
            out.set("X-RateLimit-Remaining", Integer.toString(verdict.remaining()));
            out.set("X-RateLimit-Reset", Long.toString(verdict.resetEpochSeconds()));
        }
        if (verdict.quotaLimited()) {
            out.set("X-Quota-Remaining", Long.toString(Math.max(0, verdict.quotaRemaining())));
        }
    }

    private void answer(Recorded request, boolean admitted, Reply reply) throws IOException {
        emulator.tally().record(request.answered(reply.status()), admitted);
        send(reply);
    }

    private void send(Reply reply) throws IOException {
        send(reply, 0);
    }

    private void send(Reply reply, long bytesPerSecond) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        emulator.scripted().headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (bytesPerSecond <= 0) {
                out.write(reply.body());
                return;
            }
            int step = (int) Math.max(1, bytesPerSecond / 10);
            for (int at = 0; at < reply.body().length; at += step) {
                out.write(reply.body(), at, Math.min(step, reply.body().length - at));
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Map<String, String> headers() {
        Map<String, String> lower = new HashMap<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            lower.put(h.getKey().toLowerCase(Locale.ROOT), String.join(", ", h.getValue()));
        }
        return Map.copyOf(lower);
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
