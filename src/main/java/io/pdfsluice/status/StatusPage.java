package io.pdfsluice.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pdfsluice.delivery.Breakers;
import io.pdfsluice.limiter.Limiter;
import io.pdfsluice.limiter.QuotaCount;
import io.pdfsluice.limiter.WindowUse;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;
import io.pdfsluice.report.Batches;
import io.pdfsluice.report.PaceLog;

/**
 * What the status page shows (routes/status.yaml): {@code GET /status/now} as JSON, built when asked from what the
 * app counts anyway, and {@code POST /status/rerun}, which re-runs a batch's dead letters. A re-run must carry the
 * page's CSRF token (X-CSRF-Token, which another site's page cannot read or set) and, where the browser sends an
 * Origin, come from this server's own.
 */
@ApplicationScoped
@Named("statusPage")
public class StatusPage {

    @Inject
    Batches batches;
    @Inject
    ApiProfiles profiles;
    @Inject
    Breakers breakers;
    @Inject
    PaceLog pace;
    @Inject
    StatusConfig config;
    @Inject
    DeadLetters deadLetters;
    @Inject
    MeterRegistry registry;
    @Inject
    ObjectMapper json;

    private final String csrf = token();

    public void now(Exchange exchange) throws IOException {
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("time", System.currentTimeMillis());
        now.put("csrf", csrf);
        now.put("batches", batches.progress());
        now.put("totals", Map.of("retries", PaceLog.count(registry.find("sluice.retries").counters()),
                "deadLetters", PaceLog.count(registry.find("sluice.dead.letters").counters())));
        List<PaceLog.Sample> recent = pace.since(System.currentTimeMillis() - config.historyMinutes() * 60_000L);
        List<Map<String, Object>> providers = new ArrayList<>();
        for (ApiProfile p : profiles.all()) {
            providers.add(provider(p, recent));
        }
        now.put("providers", providers);
        now.put("deadLetters", deadLetters.recent());
        answer(exchange.getMessage(), 200, now);
    }

    private Map<String, Object> provider(ApiProfile p, List<PaceLog.Sample> recent) {
        Limiter limiter = p.limiter();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("profile", p.profile());
        m.put("plan", p.plan().toString());
        m.put("breaker", breakers.all().containsKey(p.name()) ? breakers.of(p.name()).getState().name() : "NONE");
        m.put("requests", PaceLog.count(registry.find("sluice.requests").tag("provider", p.name()).counters()));
        m.put("rateLimited", PaceLog.count(registry.find("sluice.rate.limited").tag("provider", p.name()).counters()));
        long reported = limiter.quotaRemaining();
        QuotaCount counted = limiter.quotaCount().orElse(null);
        m.put("quotaLeft", reported >= 0 ? Long.valueOf(reported)
                : counted != null ? Long.valueOf(Math.max(0, counted.limit() - counted.used())) : null);
        m.put("pausedMs", limiter.pausedForMs());
        m.put("history", chart(p.name(), recent, config.historyMinutes() * 60));
        return m;
    }

    /** A line a window of the provider's plan as it is now, a point a second (a learned plan's from when it was). */
    static Map<String, Object> chart(String provider, List<PaceLog.Sample> samples, int points) {
        List<WindowUse> now = samples.isEmpty() || !samples.get(samples.size() - 1).providers().containsKey(provider)
                ? List.of()
                : samples.get(samples.size() - 1).providers().get(provider).windows();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int w = 0; w < now.size(); w++) {
            List<Integer> used = new ArrayList<>();
            for (PaceLog.Sample s : samples) {
                int u = PaceLog.used(s, provider, w, now.get(w).window());
                if (u >= 0) {
                    used.add(u);
                } else {
                    used.clear(); // before the plan was learned: the line starts after it
                }
            }
            lines.add(Map.of("window", now.get(w).window().toString(), "limit", now.get(w).limit(), "used", used));
        }
        return Map.of("points", points, "windows", lines);
    }

    public void rerun(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        String origin = m.getHeader("Origin", String.class);
        String host = m.getHeader("Host", String.class);
        if (!matches(csrf, m.getHeader("X-CSRF-Token", String.class))) {
            answer(m, 403, Map.of("message", "no valid X-CSRF-Token: reload the status page"));
            return;
        }
        if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
            answer(m, 403, Map.of("message", "a re-run comes from this server's own page, not from " + origin));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(m.getBody(String.class));
        } catch (IOException | RuntimeException e) {
            answer(m, 400, Map.of("message", "the body is not JSON: {\"file\": \"<name>.failures.jsonl\"}"));
            return;
        }
        String file = body != null && body.path("file").isTextual() ? body.get("file").asText() : null;
        String source = body != null && body.path("source").isTextual() ? body.get("source").asText() : null;
        try {
            answer(m, 200, Map.of("message", deadLetters.rerun(file, source)));
        } catch (DeadLetters.RerunRefused e) {
            answer(m, e.status, Map.of("message", e.getMessage()));
        }
    }

    /** The answer alone: no header of the request goes back (platform-http would echo them). */
    private void answer(Message m, int status, Object body) throws IOException {
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(json.writeValueAsBytes(body));
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String token() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
