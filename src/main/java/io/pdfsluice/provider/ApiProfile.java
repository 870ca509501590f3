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

    @Inject
    public ApiProfile(ObjectMapper json, ApiConfig config, JobsConfig jobs) {
        LargePdf large = new LargePdf(jobs.minBytes(), jobs.minPages());
        this.name = config.provider().trim().toLowerCase(Locale.ROOT);
        this.shape = switch (name) {
            // the embedded engine has no synchronous time limit: polling a job would only add latency
            // the embedded engine renders "html" as HTML; through its Markdown path a blank line would end an HTML
            // block and indented lines after it would become code
            case "local" -> new LocalApi(new BlinkApi(json, true), new ChangeThisFileApi(pdf -> false));
            case "blink" -> new BlinkApi(json);
            case "changethisfile" -> new ChangeThisFileApi(large);
            default -> throw new IllegalArgumentException(
                    "sluice.provider=" + config.provider() + " is not a provider: use local, blink or changethisfile");
        };
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

    /** local, blink or changethisfile. */
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

    /** The Bearer key, if any. Never logged. */
    Optional<String> key() {
        return key;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
