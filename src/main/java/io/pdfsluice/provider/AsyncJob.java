package io.pdfsluice.provider;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;

/**
 * The async jobs API for large PDFs: the submission (POST /v1/jobs) went through the plan's throttle and the breaker
 * in the call route; this polls GET /v1/jobs/{id} with a growing pause until the job is done, then the route
 * downloads the result. Polls and the download do not count against the plan. A failed job is dead-lettered; a job
 * that does not finish in time is an attempt that failed, so the document is submitted again.
 */
@ApplicationScoped
@Named("asyncJob")
public class AsyncJob {

    private static final Logger LOG = Logger.getLogger(AsyncJob.class);

    public static final String SUBMIT_PATH = "/v1/jobs";
    static final String STATE = "sluiceJobState";
    static final String STATUS_URL = "sluiceJobStatusUrl";
    static final String DOWNLOAD_URL = "sluiceJobDownloadUrl";
    static final String DEADLINE = "sluiceJobDeadline";
    static final String PAUSE = "sluiceJobNextPauseMs";
    static final String HOPS = "sluiceJobRedirects";
    static final String ID = "sluiceJobId";
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,200}");

    @Inject
    ObjectMapper json;
    @Inject
    ApiProfiles profiles;
    @Inject
    JobsConfig config;
    @Inject
    JobCallbacks callbacks;

    /** The 202 of the submission: remembers where to poll, and until when. */
    public void submitted(Exchange exchange) throws IOException {
        JsonNode answer = json.readTree(exchange.getMessage().getBody(String.class));
        String id = answer.path("job_id").asText(null);
        if (id == null) {
            throw new ApiException.Unavailable(0, "the jobs API accepted the document but named no job_id: "
                    + ApiAnswers.snippet(profiles.of(exchange), answer.toString()));
        }
        if (!JOB_ID.matcher(id).matches()) {
            throw new ApiException.Rejected(202, "the jobs API named a job_id that is not a plain name: "
                    + ApiAnswers.snippet(profiles.of(exchange), answer.toString()));
        }
        String submitUrl = exchange.getProperty(ApiRequests.URL, String.class);
        // where the job is polled: the status_url the answer names (pdfRelay's), else the submission's URL/job_id
        // (ChangeThisFile's); either is resolved, and checked, against the API's origin before every poll
        exchange.setProperty(STATUS_URL, answer.path("status_url").isTextual() ? answer.path("status_url").asText()
                : submitUrl + "/" + id);
        exchange.setProperty(ID, id);
        exchange.setProperty(STATE, answer.path("state").asText("pending"));
        exchange.setProperty(DEADLINE, System.currentTimeMillis() + config.timeoutMs());
        exchange.setProperty(PAUSE, config.pollMs());
        LOG.infof("%s: large document, submitted as job %s", exchange.getProperty("document", Document.class).describe(),
                id);
    }

    /**
     * With sluice.jobs.callback-url, waits for the API's callback (at most sluice.jobs.callback-wait-ms): a job done
     * or failed needs no poll. Without a callback in time, the job is polled as it would be without callbacks.
     */
    public void awaitCallback(Exchange exchange) throws InterruptedException, IOException {
        if (!callbacks.enabled()) {
            return;
        }
        String id = exchange.getProperty(ID, String.class);
        var callback = callbacks.await(id);
        if (callback.isEmpty()) {
            LOG.infof("job %s: no callback within %d ms, polling", id, config.callbackWaitMs());
            return;
        }
        ended(exchange, callback.get());
    }

    /**
     * Decides the pause before the next poll, which the route's delay step then waits: the first is
     * sluice.jobs.poll-ms, each next one 1.5 times the last, at most sluice.jobs.poll-max-ms. A job whose next poll
     * would come after its deadline (sluice.jobs.timeout-ms) fails the attempt.
     */
    public long nextPause(Exchange exchange) {
        long deadline = exchange.getProperty(DEADLINE, Long.class);
        long pause = exchange.getProperty(PAUSE, Long.class);
        if (System.currentTimeMillis() + pause > deadline) {
            throw new ApiException.Unavailable(0, "job " + exchange.getProperty(STATUS_URL) + " did not finish within "
                    + config.timeoutMs() + " ms");
        }
        exchange.setProperty(PAUSE, Math.min(config.pollMaxMs(), pause * 3 / 2));
        return pause;
    }

    /** Points the next GET at the job's status URL, on the API's own origin. */
    public void beforePoll(Exchange exchange) {
        get(exchange,
                profiles.of(exchange).origin().resolve(exchange.getProperty(STATUS_URL, String.class), "the job's status URL"));
    }

    /** Reads a poll's answer: done (with its download URL), failed (dead-lettered with the API's error), or not yet. */
    public void polled(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        ApiProfile profile = profiles.of(exchange);
        if (status != 200) {
            throw new ApiException.Unavailable(status, "polling job " + exchange.getProperty(STATUS_URL) + ": HTTP "
                    + status + " " + ApiAnswers.snippet(profile, body));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException.Unavailable(status, "polling job " + exchange.getProperty(STATUS_URL)
                    + ": the answer is not JSON: " + ApiAnswers.snippet(profile, body));
        }
        ended(exchange, answer);
    }

    /** What a poll or a callback says: done (with its download URL), failed (dead-lettered), or not yet. */
    private void ended(Exchange exchange, JsonNode answer) {
        String state = answer.path("state").asText("");
        if (state.equals("failed")) {
            throw new ApiException.Rejected(200, ApiAnswers.snippet(profiles.of(exchange), "job "
                    + answer.path("job_id").asText() + " failed: " + answer.path("error").asText("no reason given")));
        }
        if (state.equals("done")) {
            if (!answer.path("download_url").isTextual()) {
                throw new ApiException.Rejected(200, ApiAnswers.snippet(profiles.of(exchange), "job "
                        + answer.path("job_id").asText() + " is done but names no download_url"));
            }
            exchange.setProperty(DOWNLOAD_URL, answer.path("download_url").asText());
        }
        exchange.setProperty(STATE, state);
    }

    /** Prepares the download of a finished job's result, which may be on another host (pre-signed storage). */
    public void beforeDownload(Exchange exchange) {
        exchange.removeProperty(HOPS);
        get(exchange, profiles.of(exchange).origin().resolve(exchange.getProperty(DOWNLOAD_URL, String.class),
                "the job's download_url"));
    }

    /**
     * Follows the download's redirect (the API sending it on to pre-signed storage, say) by hand: the http component
     * follows none, so that the key is attached, or not, by the same origin check as for any other URL.
     */
    public void beforeRedirect(Exchange exchange) {
        int hops = exchange.getProperty(HOPS, 0, Integer.class) + 1;
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String location = exchange.getMessage().getHeader("Location", String.class);
        if (location == null || hops > MAX_REDIRECTS) {
            throw new ApiException.Rejected(status, "the job's download answered HTTP " + status
                    + (location == null ? " without a Location" : " for the " + hops + "th time in a row"));
        }
        exchange.setProperty(HOPS, hops);
        URI from = URI.create(exchange.getProperty(ApiRequests.URL, String.class));
        get(exchange, profiles.of(exchange).origin().resolve(from, location, "the job download's redirect"));
    }

    /**
     * The URL goes in the CamelHttpUri header of a fixed endpoint, not into an endpoint URI: there, a query the API
     * chose (followRedirects=true, proxyHost=...) would configure Camel's http component instead of reaching the
     * server. The key goes with it only on the API's own origin.
     */
    private void get(Exchange exchange, URI url) {
        Message m = exchange.getMessage();
        m.getHeaders().clear();
        m.setBody(null);
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET); // the enum: see ApiRequests.prepare
        m.setHeader(Exchange.HTTP_URI, url.toASCIIString());
        ApiKey.authorize(profiles.of(exchange), m, url);
        exchange.setProperty(ApiRequests.URL, url.toString());
    }
}
