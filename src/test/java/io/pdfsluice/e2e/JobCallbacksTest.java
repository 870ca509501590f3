package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertImage;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhooks for large PDFs' jobs: the submission names sluice.jobs.callback-url, the API calls back when the job has
 * ended, and a callback signed with the shared secret ends the job without a poll. One that is not signed with it is
 * refused (401) and changes nothing: the job is polled after sluice.jobs.callback-wait-ms, as without callbacks.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "callbacks"), @ResourceArg(name = "provider", value = "changethisfile"),
        @ResourceArg(name = "sluice.jobs.min-pages", value = "4"),
        @ResourceArg(name = "sluice.jobs.poll-ms", value = "50"),
        @ResourceArg(name = "sluice.jobs.callback-url", value = "http://127.0.0.1:8081/callbacks/jobs"),
        @ResourceArg(name = "sluice.jobs.callback-secret", value = "whsec_0123456789"),
        @ResourceArg(name = "sluice.jobs.callback-wait-ms", value = "1500") })
class JobCallbacksTest {

    static final Path INBOX = Folders.inbox("callbacks");
    static final Path OUTBOX = Folders.outbox("callbacks");

    @Test
    void aSignedCallbackEndsTheJobAndNothingIsPolled() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().callBackJobs("whsec_0123456789").jobsDoneAfterPolls(50);
        Drop.bytes(INBOX, "brochure.pdf", Drop.pdf(5));
        awaitFile(OUTBOX.resolve("brochure/pages.json"));
        for (int i = 1; i <= 5; i++) {
            assertImage(OUTBOX.resolve(String.format("brochure/page-%03d.jpg", i)));
        }
        assertEquals(List.of(204), api.callbackAnswers());
        assertEquals(0, api.jobPolls(), "the callback said done: no poll");
        String query = api.requests().stream().filter(r -> r.path().equals("/v1/jobs")).findFirst().orElseThrow()
                .query();
        assertTrue(query.contains("callback_url=http%3A%2F%2F127.0.0.1%3A8081%2Fcallbacks%2Fjobs"), query);
    }

    @Test
    void aCallbackNotSignedWithTheSecretIsRefusedAndTheJobIsPolledInstead() throws IOException {
        for (String secret : new String[] { "not-the-secret", null }) {
            ApiEmulator api = HostedApi.freshEmulator().callBackJobs(secret).jobsDoneAfterPolls(2);
            String name = secret == null ? "unsigned" : "forged";
            Drop.bytes(INBOX, name + ".pdf", Drop.pdf(4));
            awaitFile(OUTBOX.resolve(name + "/pages.json"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !api.callbackAnswers().isEmpty());
            assertEquals(List.of(401), api.callbackAnswers(), name);
            assertTrue(api.jobPolls() >= 1, name + ": the refused callback ended nothing; a poll did");
        }
    }

    @Test
    void whatIsNotACallbackIsRefusedWithTheReason() throws Exception {
        assertEquals(401, post("{\"job_id\": \"job-1\", \"state\": \"done\"}", null));
        assertEquals(401, post("{\"job_id\": \"job-1\", \"state\": \"done\"}", "sha256=00"));
        assertEquals(400, post("not json", "whsec_0123456789"));
        assertEquals(400, post("{\"job_id\": \"../etc\", \"state\": \"done\"}", "whsec_0123456789"));
        assertEquals(400, post("{\"job_id\": \"job-1\", \"state\": \"running\"}", "whsec_0123456789"));
        assertEquals(413, post("{\"pad\": \"" + "x".repeat(70_000) + "\"}", "whsec_0123456789"));
    }

    /** POSTs a callback to the app, signed with {@code secret} (null: unsigned); returns the status. */
    private static int post(String body, String secret) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/callbacks/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Signature", ApiEmulator.callbackSignature(secret, body));
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
