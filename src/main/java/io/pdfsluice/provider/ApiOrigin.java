package io.pdfsluice.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The API's own origin (scheme, host and port, default ports made explicit): the only place the key is sent. URLs
 * the API hands back (a job's download_url) resolve against its base and may point anywhere else, such as a
 * pre-signed storage URL, which must not see the key.
 */
final class ApiOrigin {

    private final URI base;
    private final String origin;

    ApiOrigin(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.origin = of(base);
    }

    /**
     * A URL the API named, resolved against the API's base. Parsed strictly, so that characters a URL cannot hold
     * ({@code {{placeholders}}}, spaces) are refused rather than interpreted; only http and https are followed.
     */
    URI resolve(String url, String what) {
        return resolve(base, url, what);
    }

    /** The same, relative to the URL that named it (a redirect's Location). */
    URI resolve(URI against, String url, String what) {
        URI resolved;
        try {
            resolved = against.resolve(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ApiException.Rejected(200, what + " is not a valid URL: " + e.getMessage());
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || resolved.getHost() == null) {
            throw new ApiException.Rejected(200, what + " " + resolved.getScheme() + ":… is not an http(s) URL; not followed");
        }
        return resolved;
    }

    /** True when the URL is on the API's own origin. */
    boolean owns(URI url) {
        return url.getHost() != null && origin.equals(of(url));
    }

    private static String of(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
