package io.pdfsluice.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.camel.Message;

/**
 * Authentication: the API's key goes on a request to the API's own origin, and on no other (a pre-signed storage URL
 * a job names, a redirect elsewhere), in the profile's scheme (sluice.api.auth): {@code bearer} (Authorization:
 * Bearer key), {@code basic} (the key is user:password), {@code header:Name} (the key as it is, in that header) or
 * {@code none}. An answer that refuses the key counts only from that origin.
 */
public final class ApiKey {

    /** Control characters but tab, line feed and carriage return: a NUL makes a log a binary file to grep. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private ApiKey() {
    }

    /** Checks a sluice.api.auth value at start-up; returns it normalised. */
    static String scheme(String auth) {
        String scheme = auth.trim();
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("bearer") || lower.equals("basic") || lower.equals("none")) {
            return lower;
        }
        if (lower.startsWith("header:") && scheme.substring(7).trim().matches("[A-Za-z0-9-]+")) {
            return "header:" + scheme.substring(7).trim();
        }
        throw new IllegalArgumentException("sluice.api.auth=" + auth + " is not bearer, basic, header:<Name> or none");
    }

    /** Adds the key, when there is one, to a request about to be sent to the API's own origin only. */
    public static void authorize(ApiProfile profile, Message m, URI url) {
        strip(profile, m);
        if (!profile.origin().owns(url)) {
            return;
        }
        String scheme = profile.auth();
        profile.key().ifPresent(k -> {
            if (scheme.equals("bearer")) {
                m.setHeader("Authorization", "Bearer " + k);
            } else if (scheme.equals("basic")) {
                m.setHeader("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.UTF_8)));
            } else if (scheme.startsWith("header:")) {
                m.setHeader(scheme.substring(7), k);
            }
        });
    }

    /** Takes the key off a message: after the call, so that no later step, log or request carries it. */
    public static void strip(ApiProfile profile, Message m) {
        m.removeHeader("Authorization");
        String scheme = profile.auth();
        if (scheme.startsWith("header:")) {
            m.removeHeader(scheme.substring(7));
        }
    }

    /**
     * An API's own text (an error body, a job's reason) as it may be logged and reported: the key blotted out in
     * every form the profile sends it (an API may echo the request's credentials back), and control characters,
     * which would make a log a binary file, shown as '?'.
     */
    public static String redacted(ApiProfile profile, String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets(profile)) {
            out = out.replace(secret, "[key]");
        }
        return CONTROL.matcher(out).replaceAll("?");
    }

    /** The key as the profile sends it: as it is, and base64 (and the password alone) for basic; none too short. */
    private static List<String> secrets(ApiProfile profile) {
        List<String> secrets = new ArrayList<>();
        profile.key().ifPresent(k -> {
            List<String> forms = new ArrayList<>(List.of(k));
            if (profile.auth().equals("basic")) {
                forms.add(Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.UTF_8)));
                if (k.indexOf(':') >= 0) {
                    forms.add(k.substring(k.indexOf(':') + 1));
                }
            }
            for (String form : forms) { // and as a JSON string or a URL would carry it
                secrets.addAll(List.of(form, form.replace("/", "\\/"), URLEncoder.encode(form, StandardCharsets.UTF_8)));
            }
        });
        // a key that short would blot out ordinary words; the longest forms first, so that none leaves a part behind
        return secrets.stream().filter(s -> s.length() >= 6).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** True when {@code url} (null: the API itself) is on the API's own origin, where a 401 speaks of the key. */
    public static boolean isOwnOrigin(ApiProfile profile, String url) {
        return url == null || profile.origin().owns(URI.create(url));
    }
}
