package io.pdfsluice.provider;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.engine.EngineAccess;
import io.pdfsluice.engine.EngineSettings;
import io.pdfsluice.engine.MarkdownPage;
import io.quarkus.runtime.Startup;

/**
 * The API chosen by {@code sluice.provider}: its shape (how a document becomes a request), its name, its base URL
 * and origin, its key and the image format asked for. Checked at start-up, so a wrong setting stops the app at once.
 */
@Startup
@ApplicationScoped
public class ApiProfile {

    private static final Logger LOG = Logger.getLogger(ApiProfile.class);

    private final Provider shape;
    private final String name;
    private final String baseUrl;
    private final ApiOrigin origin;
    private final Optional<String> key;
    private final String target;
    private final String auth;
    private final Optional<String> retryAfterField;
    private final ApiConfig.RateHeaders rateHeaders;

    @Inject
    public ApiProfile(ObjectMapper json, ApiConfig config, JobsConfig jobs, EngineSettings engine) {
        LargePdf large = new LargePdf(jobs.minBytes(), jobs.minPages());
        this.name = config.provider().trim().toLowerCase(Locale.ROOT);
        ApiConfig.Request request = config.api().request();
        Optional<ApiShape> preset = ApiShape.preset(name).map(p -> p.with(request));
        this.shape = preset.isPresent() ? new ShapedApi(name, preset.get(), new MarkdownPage(engine)::toXhtml)
                : switch (name) {
                    // the embedded engine has no synchronous time limit: polling a job would only add latency
                    // the embedded engine renders "html" as HTML; through its Markdown path a blank line would end an HTML
                    // block and indented lines after it would become code
                    case "local" -> new LocalApi(new BlinkApi(json, true), new ChangeThisFileApi(pdf -> false));
                    case "blink" -> new BlinkApi(json);
                    case "changethisfile" -> new ChangeThisFileApi(large, jobs.callbackUrl());
                    default -> throw new IllegalArgumentException("sluice.provider=" + config.provider()
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
        Optional<String> apiUrl = config.api().url();
        if (apiUrl.isEmpty() && !name.equals("local")) {
            throw new IllegalArgumentException("sluice.provider=" + name + " needs sluice.api.url (SLUICE_API_URL)");
        }
        this.baseUrl = strip(apiUrl.orElse(config.engineUrl()));
        this.origin = new ApiOrigin(baseUrl);
        // its own engine, when exposed, expects sluice.engine.key (or else sluice.api.key)
        this.key = apiUrl.isEmpty() ? EngineAccess.key(config.engineKey(), config.api().key())
                : config.api().key().filter(k -> !k.isBlank());
        this.target = switch (config.target().trim().toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> "jpg";
            case "png" -> "png";
            default -> throw new IllegalArgumentException("sluice.target=" + config.target() + " is not jpg or png");
        };
        LOG.infof("Provider %s at %s (%s)", name, baseUrl, key.isPresent() ? "with an API key" : "no API key");
    }

    /** local, blink, changethisfile, funbrew, pdfrelay, gotenberg or custom. */
    public String name() {
        return name;
    }

    /** The image format PDF pages are asked for: jpg or png. */
    public String target() {
        return target;
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

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
