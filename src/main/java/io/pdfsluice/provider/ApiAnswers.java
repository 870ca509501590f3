package io.pdfsluice.provider;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.limiter.Limiter;
import io.pdfsluice.limiter.QuotaSpentException;

/**
 * Judges the API's answer by its status: an outage inside the breaker (so that the breaker counts it), every other
 * error status after it, as the exception that decides what happens next (see {@link ApiException}). Every answer
 * is counted (ApiMetrics) and its rate-limit headers go to the limiter, the one place that tells it.
 */
@ApplicationScoped
@Named("apiAnswers")
public class ApiAnswers {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    @Inject
    ApiProfiles profiles;
    @Inject
    ApiMetrics metrics;
    @Inject
    ObjectMapper json;
    @Inject
    AnswerTimes answerTimes;

    /** Inside the breaker: an outage (408, 5xx) fails the call, so the breaker counts it. */
    public void throwOnOutage(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 408 || status >= 500) {
            ApiProfile profile = profiles.of(exchange);
            metrics.answered(profile.name(), exchange.getMessage(), status);
            ApiKey.strip(profile, exchange.getMessage());
            throw new ApiException.Unavailable(status, "HTTP " + status + " from " + profile.name() + ": "
                    + snippet(profile, exchange.getMessage().getBody(String.class)));
        }
    }

    /**
     * After the breaker: a 2xx passes; 429 is RateLimited (the pause it imposes on every sender, or the quota's),
     * 401/403 from the API's own origin Unauthorized, 408/5xx Unavailable, any other status Rejected.
     */
    public void throwOnErrorStatus(Exchange exchange) {
        Message m = exchange.getMessage();
        ApiProfile profile = profiles.of(exchange);
        Limiter limiter = profile.limiter();
        ApiKey.strip(profile, m);
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        metrics.answered(profile.name(), m, status);
        AnswerConventions.normalise(profile, m, status, json);
        long retryAfterMs = limiter.observe(status, m.getHeaders(), exchange);
        if (status >= 200 && status < 300) {
            answerTimes.answered(profile.name(), exchange);
            return;
        }
        String detail = "HTTP " + status + " from " + profile.name() + ": " + snippet(profile, m.getBody(String.class));
        if (status == 429 && m.getHeader("Retry-After") == null && detail.contains("quota")) {
            limiter.quotaExhausted();
            if (limiter.yieldsWhenQuotaSpent()) {
                throw new QuotaSpentException(detail); // to the fallback, or a run-once job halts
            }
            throw new ApiException.RateLimited(detail, limiter.pausedForMs());
        } else if (status == 429) {
            throw new ApiException.RateLimited(detail, retryAfterMs);
        } else if ((status == 401 || status == 403)
                && ApiKey.isOwnOrigin(profile, exchange.getProperty(ApiRequests.URL, String.class))) {
            // a 401 from elsewhere (an expired pre-signed download URL) says nothing about the key: it stops nothing
            throw new ApiException.Unauthorized(status, detail);
        } else if (status == 408 || status >= 500) {
            throw new ApiException.Unavailable(status, detail);
        }
        throw new ApiException.Rejected(status, detail);
    }

    /** The start of an API's text for a reason: on one line, without the key (ApiKey.redacted), 300 chars at most. */
    static String snippet(ApiProfile profile, String body) {
        if (body == null) {
            return "(no body)";
        }
        // a 5 MB error page: only its start is told, the key blotted out first, so that none of it is left at the cut
        body = ApiKey.redacted(profile, body.length() > 8000 ? body.substring(0, 8000) : body);
        body = WHITE_SPACE.matcher(body).replaceAll(" ").trim();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
