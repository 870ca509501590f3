package io.pdfsluice.provider;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;
import io.pdfsluice.engine.EngineSettings;
import io.pdfsluice.engine.MarkdownPage;
import io.pdfsluice.limiter.Limiter;
import io.pdfsluice.plan.Plan;

/**
 * One provider: the API of a profile (its shape: how a document becomes a request), under its name, with its base
 * URL and origin, its key, its plan and the limiter that paces it, and the kinds of document routed to it. The
 * default provider is named after its profile (sluice.provider); others are named in sluice.providers.&lt;name&gt;.
 * Checked at start-up, so a wrong setting stops the app at once.
 */
public final class ApiProfile {

    private final String name;
    private final String profile;
    private final Provider shape;
    private final String baseUrl;
    private final ApiOrigin origin;
    private final Optional<String> key;
    private final String target;
    private final String auth;
    private final Optional<String> retryAfterField;
    private final ApiConfig.RateHeaders rateHeaders;
    private final Set<Kind> kinds;
    private final Plan plan;
    private final Limiter limiter;
    private final Optional<String> batchUrl;
    private final int batchSize;
    private final Optional<String> asyncUrl;

    /**
     * @param name what reports, events and metrics call it
     * @param profile local, blink, changethisfile, funbrew, pdfrelay, gotenberg or custom
     * @param baseUrl the API's base URL (the embedded engine's own for local)
     * @param key its key, if any
     * @param request the configured parts of its shape
     * @param kinds the kinds of document routed to it (empty: only what no other provider takes, or a fallback)
     */
    ApiProfile(String name, String profile, String baseUrl, Optional<String> key, ApiConfig.Request request,
            Set<Kind> kinds, Plan plan, Limiter limiter, String target, Shared shared) {
        this.name = name;
        this.profile = profile.trim().toLowerCase(Locale.ROOT);
        this.kinds = Set.copyOf(kinds);
        this.plan = plan;
        this.limiter = limiter;
        LargePdf large = new LargePdf(shared.jobs().minBytes(), shared.jobs().minPages());
        Optional<ApiShape> preset = ApiShape.preset(this.profile).map(p -> p.with(request));
        this.shape = preset.isPresent()
                ? new ShapedApi(this.profile, preset.get(), new MarkdownPage(shared.engine())::toXhtml,
                        shared.jobs().minTextBytes())
                : switch (this.profile) {
                    // the embedded engine has no synchronous time limit: polling a job would only add latency
                    // the embedded engine renders "html" as HTML; through its Markdown path a blank line would end an HTML
                    // block and indented lines after it would become code
                    case "local" -> new LocalApi(new BlinkApi(shared.json(), true), new ChangeThisFileApi(pdf -> false));
                    case "blink" -> new BlinkApi(shared.json());
                    case "changethisfile" -> new ChangeThisFileApi(large, shared.jobs().callbackUrl());
                    default -> throw new IllegalArgumentException(shared.profileKey(name, !name.equals(this.profile))
                            + "=" + profile
                            + " is not a provider: use local, blink, changethisfile, funbrew, pdfrelay, gotenberg or custom");
                };
        // the answer conventions: the operator's, else the preset's, else a Bearer key and a Retry-After header only
        this.auth = ApiKey.scheme(request.auth().or(() -> preset.map(ApiShape::auth)).orElse("bearer"));
        this.retryAfterField = request.retryAfterField().or(() -> preset.flatMap(ApiShape::retryAfterField));
        this.retryAfterField.ifPresent(pointer -> {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("sluice.api.retry-after-field=" + pointer
                        + " is not a JSON pointer (it starts with /, e.g. /error/details/retry_after)");
            }
        });
        this.rateHeaders = request.headers();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.batchUrl = preset.filter(ApiShape::batches).flatMap(ApiShape::batchPath).map(p -> this.baseUrl + p);
        this.batchSize = batchUrl.isPresent() ? preset.get().batchSize() : 1;
        this.asyncUrl = preset.flatMap(ApiShape::asyncPath).map(p -> this.baseUrl + p);
        this.origin = new ApiOrigin(this.baseUrl);
        this.key = key.filter(k -> !k.isBlank());
        this.target = switch (target.trim().toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> "jpg";
            case "png" -> "png";
            default -> throw new IllegalArgumentException("sluice.target=" + target + " is not jpg or png");
        };
    }

    /** What is shared by every provider: how JSON is read, the jobs API's settings, the engine's page style. */
    record Shared(ObjectMapper json, JobsConfig jobs, EngineSettings engine) {

        /** The configuration key that names a provider's profile, for an error message. */
        String profileKey(String provider, boolean named) {
            return named ? "sluice.providers." + provider + ".profile" : "sluice.provider";
        }
    }

    /** What reports, events and metrics call it: the profile for the default provider, else its configured name. */
    public String name() {
        return name;
    }

    /** local, blink, changethisfile, funbrew, pdfrelay, gotenberg or custom. */
    public String profile() {
        return profile;
    }

    /** True for the embedded engine. */
    public boolean isLocal() {
        return profile.equals("local");
    }

    /** The kinds of document routed to it by sluice.providers.&lt;name&gt;.kinds. */
    public Set<Kind> kinds() {
        return kinds;
    }

    public Plan plan() {
        return plan;
    }

    /** Its own limiter: the windows of its plan (shared with the other instances that use the same key). */
    public Limiter limiter() {
        return limiter;
    }

    /** Where its batch requests go, when it takes them (pdfRelay's /v1/batch). */
    public Optional<String> batchUrl() {
        return batchUrl;
    }

    /** True when {@code url} submits a job: ChangeThisFile's /v1/jobs, or the profile's async path. */
    public boolean submitsJob(String url) {
        return url.endsWith(AsyncJob.SUBMIT_PATH) || asyncUrl.map(url::equals).orElse(false);
    }

    /** The most documents one request may carry: 1 unless it takes batch requests. */
    public int batchSize() {
        return batchSize;
    }

    /** The image format PDF pages are asked for: jpg or png. */
    public String target() {
        return target;
    }

    /** The base URL, for the log line that names the provider (never with the key). */
    public String baseUrl() {
        return baseUrl;
    }

    /** Shapes the request for {@code document} (body, Content-Type, query); returns the URL to POST it to. */
    String shape(Document document, Message message) {
        return shape.request(document, message, baseUrl, target);
    }

    /** The API's own origin: where the key may go, against which the URLs it names resolve. */
    ApiOrigin origin() {
        return origin;
    }

    /** The key, if any. Never logged. */
    Optional<String> key() {
        return key;
    }

    /** How the key is sent: bearer, basic, header:Name or none. */
    String auth() {
        return auth;
    }

    /** Where a 429's body says how long to wait (a JSON pointer), for an API that may send no Retry-After. */
    Optional<String> retryAfterField() {
        return retryAfterField;
    }

    /** The API's own names for the rate-limit headers, where they differ from the usual ones. */
    ApiConfig.RateHeaders rateHeaders() {
        return rateHeaders;
    }

    @Override
    public String toString() {
        return name + " (" + profile + " at " + baseUrl + ", plan " + plan + ")";
    }
}
