package io.pdfsluice.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ApiEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String MARKDOWN = "{\"markdown\":\"# Hello\\n\\nbody\",\"metadata\":{\"title\":\"Quarterly Report Q3\"}}";

    private ApiEmulator api;

    @BeforeAll
    static void warmUp() {
        // first PDFBox and ImageIO use loads classes for a few hundred ms, which would skew the timed windows
        Pages.pdf("warm-up");
        Pages.image(1, "jpg");
    }

    @BeforeEach
    void start() {
        api = ApiEmulator.start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void aBurstOfLimitPlusFiveAdmitsExactlyTheLimitAndAdmitsMoreOnceTheWindowHasPassed() throws Exception {
        api.limits(new Window(5, 1_000));

        List<CompletableFuture<HttpResponse<byte[]>>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(CLIENT.sendAsync(render(MARKDOWN).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<byte[]>> f : burst) {
            HttpResponse<byte[]> r = f.get();
            assertEquals("5", r.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertTrue(r.headers().firstValue("X-RateLimit-Reset").isPresent());
            if (r.statusCode() == 200) {
                ok++;
                continue;
            }
            assertEquals(429, r.statusCode());
            long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1);
            assertEquals("0", r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            JsonNode error = JSON.readTree(r.body());
            assertEquals("rate_limit_exceeded", error.get("error").asText());
            assertEquals("Too many requests. Retry after " + retryAfter + " seconds.", error.get("message").asText());
            assertEquals(retryAfter, error.get("retry_after").asLong());
        }
        assertEquals(5, ok);
        assertEquals(5, api.count(429));
        assertEquals(5, api.maxAcceptedInAnyWindow(1_000));

        Thread.sleep(1_100);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(render(MARKDOWN)).statusCode());
        }
        assertEquals(429, send(render(MARKDOWN)).statusCode());
        assertEquals(10, api.successes());
        assertEquals(5, api.maxAcceptedInAnyWindow(1_000));
    }

    @Test
    void manyConcurrentSendersNeverGetMoreThanTheLimitIntoAnyWindow() throws Exception {
        api.limits(new Window(5, 250), new Window(12, 1_000));

        List<CompletableFuture<HttpResponse<byte[]>>> flood = new ArrayList<>();
        long until = System.currentTimeMillis() + 1_200;
        while (System.currentTimeMillis() < until) {
            for (int i = 0; i < 20; i++) {
                flood.add(CLIENT.sendAsync(convert("pdf", "# Flood".getBytes(StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            Thread.sleep(20);
        }
        CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get();

        assertEquals(5, api.maxAcceptedInAnyWindow(250));
        assertTrue(api.maxAcceptedInAnyWindow(1_000) <= 12);
        assertTrue(api.successes() >= 12, "admitted " + api.successes());
        assertEquals(flood.size(), api.successes() + api.count(429));
    }

    @Test
    void renderAnswersAOnePagePdfTitledAfterTheMetadata() throws Exception {
        HttpResponse<byte[]> r = send(render(MARKDOWN));

        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValue("X-Render-Ms").isPresent());
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertEquals(1, pdf.getNumberOfPages());
            assertEquals("Quarterly Report Q3", pdf.getDocumentInformation().getTitle());
            assertTrue(new PDFTextStripper().getText(pdf).contains("Quarterly Report Q3"));
        }
        JsonNode error = JSON.readTree(send(render("{not json")).body());
        assertEquals("bad_request", error.get("error").asText());
        assertEquals(400, send(render("{\"metadata\":{\"title\":\"x\"}}")).statusCode());
    }

    @Test
    void convertingAThreePagePdfAnswersAZipOfThreeDecodableJpegs() throws Exception {
        HttpResponse<byte[]> r = send(convert("jpg", pdfOf(3)));

        assertEquals(200, r.statusCode());
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElseThrow());
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(zip.readAllBytes()));
                assertNotNull(image, e.getName());
                assertEquals(40, image.getWidth());
            }
        }
        assertEquals(List.of("page-001.jpg", "page-002.jpg", "page-003.jpg"), names);
    }

    @Test
    void convertingAOnePagePdfAnswersOneJpegAndSomethingElseIsUnprocessable() throws Exception {
        HttpResponse<byte[]> r = send(convert("jpg", pdfOf(1)));

        assertEquals(200, r.statusCode());
        assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElseThrow());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(r.body())));
        HttpResponse<byte[]> notPdf = send(convert("jpg", "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, notPdf.statusCode());
        assertEquals("unprocessable_entity", JSON.readTree(notPdf.body()).get("error").asText());
    }

    @Test
    void aConfiguredKeyTurnsAwayRequestsWithoutItAndARevokedKeyTurnsAwayAll() throws Exception {
        api.requireKey("sk-test");

        HttpResponse<byte[]> anonymous = send(render(MARKDOWN));
        assertEquals(401, anonymous.statusCode());
        JsonNode error = JSON.readTree(anonymous.body());
        assertEquals("unauthorized", error.get("error").asText());
        assertEquals("invalid API key", error.get("message").asText());
        assertEquals(200, send(render(MARKDOWN).header("Authorization", "Bearer sk-test")).statusCode());

        api.revokeKey();
        assertEquals(401, send(render(MARKDOWN).header("Authorization", "Bearer sk-test")).statusCode());
    }

    @Test
    void resetEveryDropsTheConnectionSoTheClientSeesAnIOException() throws Exception {
        api.resetEvery(2);

        assertEquals(200, send(render(MARKDOWN)).statusCode());
        assertThrows(IOException.class, () -> send(render(MARKDOWN)));
        assertEquals(200, send(render(MARKDOWN)).statusCode());
        assertEquals(1, api.count(0));
    }

    @Test
    void stopEndsARequestThatWouldHangForever() throws Exception {
        api.hangEvery(1, -1);
        CompletableFuture<HttpResponse<byte[]>> hung = CLIENT.sendAsync(render(MARKDOWN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        while (api.requests().isEmpty()) {
            Thread.sleep(10);
        }
        assertFalse(hung.isDone());

        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> api.stop());
        assertThrows(ExecutionException.class, () -> hung.get(3, TimeUnit.SECONDS));
    }

    @Test
    void aRepeatedIdempotencyKeyOrBodyCountsAsADuplicateSuccess() throws Exception {
        send(render(MARKDOWN).header("Idempotency-Key", "doc-1"));
        send(render(MARKDOWN).header("Idempotency-Key", "doc-1"));
        send(render(MARKDOWN).header("Idempotency-Key", "doc-2"));
        assertEquals(1, api.duplicateSuccesses());

        send(render("{\"markdown\":\"# Other\"}"));
        send(render("{\"markdown\":\"# Other\"}"));
        assertEquals(2, api.duplicateSuccesses());
    }

    @Test
    void theDensestWindowCountsArrivalsLessThanAWindowApart() {
        List<Long> arrivals = List.of(1_500L, 0L, 100L, 200L, 950L, 1_000L, 1_001L);

        assertEquals(5, Tally.densest(arrivals, 1_000)); // 100, 200, 950, 1000, 1001
        assertEquals(2, Tally.densest(arrivals, 2)); // 1000, 1001
        assertEquals(1, Tally.densest(arrivals, 1));
        assertEquals(7, Tally.densest(arrivals, 1_501));
        assertEquals(0, Tally.densest(List.of(), 1_000));
    }

    @Test
    void injectedFailuresCountAsAcceptedButNotAsSuccesses() throws Exception {
        api.failEvery(2, 500).quota(6);

        List<Integer> statuses = new ArrayList<>();
        List<String> quota = new ArrayList<>();
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 7; i++) {
            last = send(render(MARKDOWN));
            statuses.add(last.statusCode());
            quota.add(last.headers().firstValue("X-Quota-Remaining").orElse("-"));
        }
        assertEquals(List.of(200, 500, 200, 500, 200, 500, 429), statuses);
        assertEquals(List.of("5", "4", "3", "2", "1", "0", "0"), quota);
        assertEquals("quota_exceeded", JSON.readTree(last.body()).get("error").asText());
        assertTrue(last.headers().firstValue("Retry-After").isEmpty());
        assertEquals(3, api.maxSuccessesInAnyWindow(60_000));
        assertEquals(6, api.maxAcceptedInAnyWindow(60_000));
        assertEquals(3, api.successes());
        assertEquals(3, api.count(500));
        assertEquals(2, api.duplicateSuccesses()); // the same body, answered 2xx three times

        api.reset();
        api.outageNow(60_000);
        HttpResponse<byte[]> down = send(render(MARKDOWN));
        assertEquals(503, down.statusCode());
        assertEquals("service_unavailable", JSON.readTree(down.body()).get("error").asText());
        assertEquals(1, api.maxAcceptedInAnyWindow(60_000));
    }

    @Test
    void latencyDelaysAnswersAndRejectIfTurnsAwayMatchingDocuments() throws Exception {
        api.latency(150, 0, 7).rejectIf(r -> r.bodyText().contains("REJECT-ME"), 413, "Document too large.");

        long began = System.nanoTime();
        HttpResponse<byte[]> rejected = send(convert("pdf", "# REJECT-ME".getBytes(StandardCharsets.UTF_8)));
        assertTrue((System.nanoTime() - began) / 1_000_000 >= 150);
        assertEquals(413, rejected.statusCode());
        JsonNode error = JSON.readTree(rejected.body());
        assertEquals("payload_too_large", error.get("error").asText());
        assertEquals("Document too large.", error.get("message").asText());
        assertEquals(200, send(convert("pdf", "# Fine".getBytes(StandardCharsets.UTF_8))).statusCode());
        assertEquals(2, api.maxAcceptedInAnyWindow(60_000));
    }

    @Test
    void aThreePagePdfSubmittedAsAJobIsPolledUntilDoneAndDownloadsAsAZipOfThreeJpegs() throws Exception {
        api.requireKey("sk-test").jobsDoneAfterPolls(3);

        HttpResponse<byte[]> submitted = send(submitJob("jpg", pdfOf(3)));
        assertEquals(202, submitted.statusCode());
        assertEquals("application/json", submitted.headers().firstValue("Content-Type").orElseThrow());
        JsonNode job = JSON.readTree(submitted.body());
        String id = job.get("job_id").asText();
        assertFalse(id.isBlank());
        assertEquals("pending", job.get("state").asText());
        assertEquals(404, send(get(api.url() + "/v1/jobs/" + id + "/download")).statusCode());

        List<String> states = new ArrayList<>();
        JsonNode status = null;
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> polled = send(poll(id));
            assertEquals(200, polled.statusCode());
            status = JSON.readTree(polled.body());
            assertEquals(id, status.get("job_id").asText());
            states.add(status.get("state").asText());
        }
        assertEquals(List.of("pending", "running", "done"), states);
        String url = status.get("download_url").asText();
        assertEquals(api.url() + "/v1/jobs/" + id + "/download", url);

        HttpResponse<byte[]> zip = send(get(url));
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElseThrow());
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                names.add(e.getName());
                assertNotNull(ImageIO.read(new ByteArrayInputStream(entries.readAllBytes())), e.getName());
            }
        }
        assertEquals(List.of("page-001.jpg", "page-002.jpg", "page-003.jpg"), names);
        assertEquals(1, api.jobsSubmitted());
        assertEquals(3, api.jobPolls());

        HttpResponse<byte[]> unknown = send(poll("no-such-job"));
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", JSON.readTree(unknown.body()).get("error").asText());
        assertEquals(401, CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
    }

    @Test
    void jobPollsAndDownloadsNeitherCountInTheRateLimitWindowNorMeetFaults() throws Exception {
        api.limits(new Window(1, 10_000)).failEvery(2, 500);

        HttpResponse<byte[]> submitted = send(submitJob("png", pdfOf(1)));
        assertEquals(202, submitted.statusCode());
        String id = JSON.readTree(submitted.body()).get("job_id").asText();
        String url = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> polled = send(poll(id));
            assertEquals(200, polled.statusCode());
            assertTrue(polled.headers().firstValue("X-RateLimit-Limit").isEmpty());
            JsonNode status = JSON.readTree(polled.body());
            if (status.has("download_url")) {
                url = status.get("download_url").asText();
            }
        }
        HttpResponse<byte[]> image = send(get(url));
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(image.body())));

        assertEquals(1, api.maxAcceptedInAnyWindow(10_000));
        assertEquals(1, api.maxSuccessesInAnyWindow(10_000));
        assertEquals(1, api.successes());
        assertEquals(0, api.duplicateSuccesses());
        assertEquals(5, api.jobPolls());
        List<Recorded> seen = api.requests();
        assertEquals(7, seen.size());
        assertEquals("/v1/jobs", seen.get(0).path());
        assertEquals(202, seen.get(0).status());
        assertEquals("/v1/jobs/" + id, seen.get(1).path());
        assertEquals("/v1/jobs/" + id + "/download", seen.get(6).path());
        assertEquals(200, seen.get(6).status());
        assertEquals(429, send(submitJob("png", pdfOf(1))).statusCode());
        assertEquals(1, api.jobsSubmitted());
    }

    @Test
    void aJobMatchingFailJobsIfEndsFailedWithTheErrorAndResetForgetsIt() throws Exception {
        api.failJobsIf(r -> r.query().contains("target=png"), "The renderer crashed.");

        String failing = JSON.readTree(send(submitJob("png", pdfOf(2))).body()).get("job_id").asText();
        String fine = JSON.readTree(send(submitJob("jpg", pdfOf(2))).body()).get("job_id").asText();
        assertFalse(failing.equals(fine));

        assertEquals("pending", JSON.readTree(send(poll(failing)).body()).get("state").asText());
        JsonNode status = JSON.readTree(send(poll(failing)).body());
        assertEquals("failed", status.get("state").asText());
        assertEquals("The renderer crashed.", status.get("error").asText());
        assertFalse(status.has("download_url"));
        assertEquals("failed", JSON.readTree(send(poll(failing)).body()).get("state").asText());
        assertEquals(404, send(get(api.url() + "/v1/jobs/" + failing + "/download")).statusCode());
        send(poll(fine));
        assertEquals("done", JSON.readTree(send(poll(fine)).body()).get("state").asText());

        api.reset();
        assertEquals(404, send(poll(fine)).statusCode());
        assertEquals(0, api.jobsSubmitted());
        assertEquals(0, api.jobPolls());
    }

    @Test
    void aJobMatchingNeverFinishJobsIfIsStillRunningAfterTenPolls() throws Exception {
        api.neverFinishJobsIf(r -> r.body().length > 0 && r.query().contains("jpg"));

        String id = JSON.readTree(send(submitJob("jpg", pdfOf(1))).body()).get("job_id").asText();
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            states.add(JSON.readTree(send(poll(id)).body()).get("state").asText());
        }
        assertEquals("pending", states.get(0));
        assertEquals(List.of("running"), states.subList(1, 10).stream().distinct().toList());
        assertEquals(404, send(get(api.url() + "/v1/jobs/" + id + "/download")).statusCode());
        assertEquals(10, api.jobPolls());
    }

    @Test
    void aJobSubmissionIsJudgedLikeAConversion() throws Exception {
        api.rejectIf(r -> r.path().equals("/v1/jobs") && r.query().contains("png"), 413, "Document too large.");

        assertEquals(413, send(submitJob("png", pdfOf(1))).statusCode());
        assertEquals(400, send(submitJob("pdf", pdfOf(1))).statusCode());
        assertEquals(422, send(submitJob("jpg", "hello".getBytes(StandardCharsets.UTF_8))).statusCode());
        assertEquals(0, api.jobsSubmitted());
        assertEquals(3, api.maxAcceptedInAnyWindow(60_000));
    }

    private HttpRequest.Builder submitJob(String target, byte[] body) {
        return HttpRequest.newBuilder(URI.create(api.url() + "/v1/jobs?target=" + target))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder poll(String id) {
        return get(api.url() + "/v1/jobs/" + id);
    }

    private HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer sk-test")
                .GET();
    }

    private HttpRequest.Builder render(String json) {
        return HttpRequest.newBuilder(URI.create(api.url() + "/v1/render"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder convert(String target, byte[] body) {
        return HttpRequest.newBuilder(URI.create(api.url() + "/v1/convert?target=" + target))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] pdfOf(int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
