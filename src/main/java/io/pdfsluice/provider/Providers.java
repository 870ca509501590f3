package io.pdfsluice.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdfsluice.delivery.DeliveryMetrics;
import io.pdfsluice.engine.EngineAccess;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;
import io.pdfsluice.limiter.Limiter;
import io.quarkus.runtime.Startup;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The provider chosen by {@code sluice.provider}: builds each request, then judges the answer. */
@Startup
@ApplicationScoped
@Named("provider")
public class Providers {

    public static final String URI = "sluiceUri";
    private static final String KEY = "sluiceIdempotencyKey";
    private static final Logger LOG = Logger.getLogger(Providers.class);

    private final Provider provider;
    private final String name;
    private final String baseUrl;
    private final ApiOrigin origin;
    private final Optional<String> apiKey;
    private final String target;

    @Inject
    Limiter limiter;
    @Inject
    DeliveryMetrics metrics;

    @Inject
    public Providers(ObjectMapper json, @ConfigProperty(name = "sluice.provider") String provider,
            @ConfigProperty(name = "sluice.api.url") Optional<String> apiUrl,
            @ConfigProperty(name = "sluice.engine-url") String engineUrl,
            @ConfigProperty(name = "sluice.api.key") Optional<String> apiKey,
            @ConfigProperty(name = "sluice.engine.key") Optional<String> engineKey,
            @ConfigProperty(name = "sluice.target") String target,
            @ConfigProperty(name = "sluice.jobs.min-bytes") long jobMinBytes,
            @ConfigProperty(name = "sluice.jobs.min-pages") int jobMinPages) {
        LargePdf large = new LargePdf(jobMinBytes, jobMinPages);
        this.name = provider.trim().toLowerCase(Locale.ROOT);
        this.provider = switch (name) {
            // the embedded engine has no synchronous time limit: polling a job would only add latency
            // the embedded engine renders "html" as HTML; through its Markdown path a blank line would end an HTML
            // block and indented lines after it would become code
            case "local" -> new LocalApi(new BlinkApi(json, true), new ChangeThisFileApi(pdf -> false));
            case "blink" -> new BlinkApi(json);
            case "changethisfile" -> new ChangeThisFileApi(large);
            default -> throw new IllegalArgumentException(
                    "sluice.provider=" + provider + " is not a provider: use local, blink or changethisfile");
        };
        if (apiUrl.isEmpty() && !name.equals("local")) {
            throw new IllegalArgumentException("sluice.provider=" + name + " needs sluice.api.url (SLUICE_API_URL)");
        }
        this.baseUrl = strip(apiUrl.orElse(engineUrl));
        this.origin = new ApiOrigin(baseUrl);
        // its own engine, when exposed, expects sluice.engine.key (or else sluice.api.key)
        this.apiKey = apiUrl.isEmpty() ? EngineAccess.key(engineKey, apiKey) : apiKey.filter(k -> !k.isBlank());
        this.target = switch (target.trim().toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> "jpg";
            case "png" -> "png";
            default -> throw new IllegalArgumentException("sluice.target=" + target + " is not jpg or png");
        };
        LOG.infof("Provider %s at %s (%s)", name, baseUrl, this.apiKey.isPresent() ? "with an API key" : "no API key");
    }

    /** Shapes the request for the document in the exchange property "document" and names the URL to call. */
    public void request(Exchange exchange) throws IOException {
        Document d = exchange.getProperty("document", Document.class);
        Message m = exchange.getMessage();
        String url = provider.request(d, m, baseUrl, target);
        // the enum the http component asks for: given the string "POST", it converted it on every request through
        // Camel's type-converter lookup, 18 % of the app's CPU against an instant endpoint (async-profiler)
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        exchange.setProperty(URI, url);
        exchange.setProperty(AsyncJob.JOB, url.endsWith(AsyncJob.SUBMIT_PATH));
        authorize(m, java.net.URI.create(url));
        m.setHeader("Idempotency-Key", idempotencyKey(exchange, d));
    }

    /** Adds the Bearer key, when there is one, to a request about to be sent to the API's own origin only. */
    public void authorize(Message m, URI url) {
        m.removeHeader("Authorization");
        if (origin.owns(url)) {
            apiKey.ifPresent(k -> m.setHeader("Authorization", "Bearer " + k));
        }
    }

    /** A URL the API named (a job's status or download), resolved against its base; only http(s) is followed. */
    public URI resolve(String url, String what) {
        return origin.resolve(url, what);
    }

    /** A redirect's Location, relative to the URL that answered it; only http(s) is followed. */
    public URI resolve(URI against, String url, String what) {
        return origin.resolve(against, url, what);
    }

    /** Inside the breaker: an outage (408, 5xx) fails the call, so the breaker counts it. */
    public void outage(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 408 || status >= 500) {
            metrics.answered(status);
            exchange.getMessage().removeHeader("Authorization");
            throw new ApiException.Unavailable(status, "HTTP " + status + " from " + name + ": "
                    + snippet(exchange.getMessage()));
        }
    }

    /** Turns an error status into the exception that decides what happens next; feeds the pace with the headers. */
    public void check(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeader("Authorization");
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        metrics.answered(status);
        Long renderMs = m.getHeader("X-Render-Ms", Long.class);
        if (renderMs != null) {
            metrics.renderMs(renderMs);
        }
        long retryAfterMs = limiter.observe(status, m.getHeaders());
        if (status >= 200 && status < 300) {
            return;
        }
        String detail = "HTTP " + status + " from " + name + ": " + snippet(m);
        if (status == 429 && m.getHeader("Retry-After") == null && detail.contains("quota")) {
            limiter.quotaExhausted();
            throw new ApiException.RateLimited(detail, limiter.pausedForMs());
        } else if (status == 429) {
            throw new ApiException.RateLimited(detail, retryAfterMs);
        } else if ((status == 401 || status == 403) && ownOrigin(exchange)) {
            throw new ApiException.Unauthorized(status, detail);
        } else if (status == 408 || status >= 500) {
            throw new ApiException.Unavailable(status, detail);
        }
        throw new ApiException.Rejected(status, detail);
    }

    /** A 401 from elsewhere (an expired pre-signed download URL) says nothing about the key: it stops nothing. */
    private boolean ownOrigin(Exchange exchange) {
        String url = exchange.getProperty(URI, String.class);
        return url == null || origin.owns(java.net.URI.create(url));
    }

    /** The same for every attempt and after a restart: a hash of what is converted, into what, how. */
    private String idempotencyKey(Exchange exchange, Document d) throws IOException {
        String key = exchange.getProperty(KEY, String.class);
        if (key == null) {
            MessageDigest sha = sha256();
            sha.update((name + '\n' + d.kind() + '\n' + target + '\n' + d.title() + '\n').getBytes(StandardCharsets.UTF_8));
            if (d.kind() == Kind.PDF) {
                try (InputStream in = Files.newInputStream(d.pdf())) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0;) {
                        sha.update(buffer, 0, n);
                    }
                }
            } else {
                sha.update(d.text().getBytes(StandardCharsets.UTF_8));
            }
            key = HexFormat.of().formatHex(sha.digest(), 0, 16);
            exchange.setProperty(KEY, key);
        }
        return key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snippet(Message m) {
        String body = m.getBody(String.class);
        if (body == null) {
            return "(no body)";
        }
        body = body.replaceAll("\\s+", " ").trim();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
