package io.pdfsluice.provider;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * The callbacks an API sends when a job has ended ({"job_id", "state": "done" | "failed", "download_url",
 * "error"}), received by the job-callbacks route on POST /callbacks/jobs and handed to the job that waits for it.
 * With sluice.jobs.callback-secret set, a callback must carry X-Signature: sha256=&lt;hex HMAC-SHA256 of its body&gt;;
 * one that does not is refused with 401 and changes nothing. A callback that comes before its job waits for it is
 * kept until the job asks (at most sluice.jobs.callback-wait-ms, and at most 10,000 of them).
 */
@ApplicationScoped
@Named("jobCallbacks")
public class JobCallbacks {

    private static final Logger LOG = Logger.getLogger(JobCallbacks.class);
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,200}");
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_KEPT = 10_000;

    private record Arrival(CompletableFuture<JsonNode> answer, long since) {
    }

    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();

    @Inject
    JobsConfig config;
    @Inject
    ObjectMapper json;

    void warnWhenUnsigned(@Observes StartupEvent started) {
        if (enabled() && config.callbackSecret().filter(secret -> !secret.isBlank()).isEmpty()) {
            LOG.warn("Job callbacks are on without sluice.jobs.callback-secret: anyone who can reach /callbacks/jobs "
                    + "can end a job; set the secret your API signs with");
        }
    }

    /** Whether the API is asked to call back (sluice.jobs.callback-url is set). */
    public boolean enabled() {
        return config.callbackUrl().isPresent();
    }

    /** The job-callbacks route: checks the callback's signature and shape, then hands it to its job. */
    public void receive(Exchange exchange) {
        Message m = exchange.getMessage();
        byte[] body = m.getBody(byte[].class);
        if (!enabled()) {
            answer(m, 404, "job callbacks are off (sluice.jobs.callback-url is not set)");
        } else if (body == null || body.length > MAX_BODY_BYTES) {
            answer(m, 413, "a callback body is at most " + MAX_BODY_BYTES + " bytes");
        } else if (!signedWithTheSecret(body, m.getHeader("X-Signature", String.class))) {
            LOG.warnf("Refused a job callback from %s: its X-Signature does not match sluice.jobs.callback-secret",
                    m.getHeader("CamelHttpRemoteAddress", "an unknown address", String.class));
            answer(m, 401, "X-Signature does not match");
        } else {
            accept(m, body);
        }
    }

    private void accept(Message m, byte[] body) {
        JsonNode callback;
        try {
            callback = json.readTree(body);
        } catch (Exception notJson) {
            answer(m, 400, "the callback is not JSON");
            return;
        }
        String id = callback == null ? "" : callback.path("job_id").asText("");
        String state = callback == null ? "" : callback.path("state").asText("");
        if (!JOB_ID.matcher(id).matches() || !(state.equals("done") || state.equals("failed"))) {
            answer(m, 400, "a callback names a job_id and the state done or failed");
            return;
        }
        forget(System.currentTimeMillis() - 2 * config.callbackWaitMs());
        if (arrivals.size() >= MAX_KEPT) {
            answer(m, 503, "too many callbacks no job waits for");
            return;
        }
        arrivals.computeIfAbsent(id, k -> new Arrival(new CompletableFuture<>(), System.currentTimeMillis())).answer()
                .complete(callback);
        answer(m, 204, null);
    }

    /**
     * Waits for the callback of job {@code id}, at most sluice.jobs.callback-wait-ms; empty when none came, and the
     * job is then polled.
     */
    Optional<JsonNode> await(String id) throws InterruptedException {
        Arrival arrival = arrivals.computeIfAbsent(id,
                k -> new Arrival(new CompletableFuture<>(), System.currentTimeMillis()));
        try {
            return Optional.of(arrival.answer().get(config.callbackWaitMs(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException none) {
            return Optional.empty();
        } finally {
            arrivals.remove(id);
        }
    }

    private void forget(long before) {
        arrivals.values().removeIf(a -> a.since() < before && a.answer().isDone());
    }

    private boolean signedWithTheSecret(byte[] body, String signature) {
        Optional<String> secret = config.callbackSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            return true; // the API does not sign: sluice.jobs.callback-url alone, as README warns
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected,
                    signature.substring(7).trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private void answer(Message m, int status, String message) {
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (message == null) {
            m.setBody(null);
        } else {
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            m.setBody(json.createObjectNode().put("message", message).toString());
        }
    }
}
