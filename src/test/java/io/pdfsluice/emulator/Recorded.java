package io.pdfsluice.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the emulator saw it. Header names are lower case; {@code query} is "" when there is none;
 * {@code atMs} is the arrival time (unix ms) the limiter judged; {@code status} is 0 when no response was sent
 * (a reset connection, a hang that never ends) and also while a {@code rejectIf} predicate looks at the request.
 */
public record Recorded(String method, String path, String query, Map<String, String> headers, byte[] body,
        long atMs, int status) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    Recorded answered(int answer) {
        return new Recorded(method, path, query, headers, body, atMs, answer);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status + " (" + body.length
                + " bytes at " + atMs + ")";
    }
}
