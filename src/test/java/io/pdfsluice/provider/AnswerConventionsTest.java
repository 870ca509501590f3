package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** An API's own rate-limit conventions, told to the limiter in the usual header names. */
class AnswerConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Names(Optional<String> limit, Optional<String> remaining, Optional<String> reset,
            Optional<String> retryAfter, Optional<String> quotaRemaining) implements ApiConfig.RateHeaders {
    }

    private static final Names USUAL = new Names(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    private static Message answer(String body) {
        Message m = new DefaultMessage(new DefaultCamelContext());
        m.setBody(body);
        return m;
    }

    @Test
    void theApisOwnHeaderNamesAreCopiedToTheUsualOnes() {
        Message m = answer("");
        m.setHeader("RateLimit-Remaining", "0");
        m.setHeader("RateLimit-Reset", "1748736030");
        m.setHeader("X-Credits-Left", "17");
        m.setHeader("Wait-Seconds", "4");
        Names names = new Names(Optional.of("RateLimit-Limit"), Optional.of("RateLimit-Remaining"),
                Optional.of("RateLimit-Reset"), Optional.of("Wait-Seconds"), Optional.of("X-Credits-Left"));
        AnswerConventions.normalise(m, 429, names, Optional.empty(), JSON);
        assertEquals("0", m.getHeader("X-RateLimit-Remaining"));
        assertEquals("1748736030", m.getHeader("X-RateLimit-Reset"));
        assertEquals("17", m.getHeader("X-Quota-Remaining"));
        assertEquals("4", m.getHeader("Retry-After"));
        assertNull(m.getHeader("X-RateLimit-Limit"), "a header that did not come is not made up");
    }

    @Test
    void aWaitOnlyInTheBodyBecomesRetryAfter() {
        Message m = answer("{\"success\":false,\"error\":{\"code\":\"RATE_LIMITED\",\"details\":{\"retry_after\":8}}}");
        AnswerConventions.normalise(m, 429, USUAL, Optional.of("/error/details/retry_after"), JSON);
        assertEquals("8", m.getHeader("Retry-After"));
    }

    @Test
    void aRetryAfterHeaderWinsOverTheBody() {
        Message m = answer("{\"retry_after\": 30}");
        m.setHeader("Retry-After", "2");
        AnswerConventions.normalise(m, 429, USUAL, Optional.of("/retry_after"), JSON);
        assertEquals("2", m.getHeader("Retry-After"));
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoNumberThereAddsNothing() {
        for (String body : new String[] { "<html>Too Many Requests</html>", "{\"retry_after\": \"soon\"}",
                "{\"retry_after\": -5}", "{}" }) {
            Message m = answer(body);
            AnswerConventions.normalise(m, 429, USUAL, Optional.of("/retry_after"), JSON);
            assertNull(m.getHeader("Retry-After"), body);
        }
    }

    @Test
    void onlyA429ReadsTheBody() {
        Message m = answer("{\"retry_after\": 30}");
        AnswerConventions.normalise(m, 200, USUAL, Optional.of("/retry_after"), JSON);
        assertNull(m.getHeader("Retry-After"));
    }
}
