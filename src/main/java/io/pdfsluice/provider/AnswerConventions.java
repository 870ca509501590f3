package io.pdfsluice.provider;

import java.util.Optional;

import org.apache.camel.Message;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each API's way of saying how much budget is left, told to the limiter in one language: the API's own rate-limit
 * header names (sluice.api.headers.*) are copied to the usual ones, and a 429 whose wait is only in its JSON body
 * (FUNBREW's {"retry_after"}, pdfRelay's {"error": {"details": {"retry_after"}}}) gets it as a Retry-After header.
 */
final class AnswerConventions {

    private AnswerConventions() {
    }

    static void normalise(ApiProfile profile, Message m, int status, ObjectMapper json) {
        normalise(m, status, profile.rateHeaders(), profile.retryAfterField(), json);
    }

    static void normalise(Message m, int status, ApiConfig.RateHeaders names, Optional<String> retryAfterField,
            ObjectMapper json) {
        copy(m, names.limit(), "X-RateLimit-Limit");
        copy(m, names.remaining(), "X-RateLimit-Remaining");
        copy(m, names.reset(), "X-RateLimit-Reset");
        copy(m, names.retryAfter(), "Retry-After");
        copy(m, names.quotaRemaining(), "X-Quota-Remaining");
        if (status == 429 && m.getHeader("Retry-After") == null && retryAfterField.isPresent()) {
            retryAfterInBody(m, retryAfterField.get(), json).ifPresent(s -> m.setHeader("Retry-After", s));
        }
    }

    private static void copy(Message m, Optional<String> from, String to) {
        if (from.isPresent() && !from.get().equalsIgnoreCase(to)) {
            Object value = m.getHeader(from.get());
            if (value != null) {
                m.setHeader(to, value);
            }
        }
    }

    /** The seconds a 429's body names at that JSON pointer; empty when the body is not JSON or has no number there. */
    private static Optional<String> retryAfterInBody(Message m, String pointer, ObjectMapper json) {
        try {
            String body = m.getBody(String.class);
            JsonNode seconds = body == null ? null : json.readTree(body).at(JsonPointer.compile(pointer));
            return seconds != null && seconds.isNumber() && seconds.asDouble() >= 0
                    ? Optional.of(seconds.asText())
                    : Optional.empty();
        } catch (Exception notJson) {
            return Optional.empty(); // the limiter's default wait applies
        }
    }
}
