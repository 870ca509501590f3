package io.pdfsluice.provider;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Message;

/**
 * Authentication: the API's Bearer key goes on a request to the API's own origin, and on no other (a pre-signed
 * storage URL a job names, a redirect elsewhere); and an answer that refuses the key counts only from that origin.
 */
@ApplicationScoped
public class ApiKey {

    @Inject
    ApiProfile profile;

    /** Adds the Bearer key, when there is one, to a request about to be sent to the API's own origin only. */
    public void authorize(Message m, URI url) {
        m.removeHeader("Authorization");
        if (profile.origin().owns(url)) {
            profile.key().ifPresent(k -> m.setHeader("Authorization", "Bearer " + k));
        }
    }

    /** True when {@code url} (null: the API itself) is on the API's own origin, where a 401 speaks of the key. */
    public boolean isOwnOrigin(String url) {
        return url == null || profile.origin().owns(URI.create(url));
    }
}
