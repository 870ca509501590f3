package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertImage;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Large PDFs (here: 4 pages or more) go through the async jobs API: submit, poll, download; failures as usual. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "jobs"), @ResourceArg(name = "provider", value = "changethisfile"),
        @ResourceArg(name = "sluice.jobs.min-pages", value = "4"), @ResourceArg(name = "sluice.jobs.poll-ms", value = "50"),
        @ResourceArg(name = "sluice.jobs.poll-max-ms", value = "200"),
        @ResourceArg(name = "sluice.jobs.timeout-ms", value = "1500"),
        @ResourceArg(name = "sluice.retry.attempts", value = "2") })
class JobsTest {

    static final Path INBOX = Folders.inbox("jobs");
    static final Path OUTBOX = Folders.outbox("jobs");

    ApiEmulator api;

    @BeforeEach
    void freshEmulator() {
        api = HostedApi.freshEmulator();
    }

    @Test
    void aLargePdfIsSubmittedAsAJobPolledAndDownloadedWhileASmallOneIsConvertedAtOnce() throws IOException {
        // 10 s, not a minute: the app then pauses every sender until the window ends, and the next test waits too
        api.limits(new Window(1, 10_000)).jobsDoneAfterPolls(3);
        Drop.bytes(INBOX, "manual.pdf", pdf(6, "manual"));
        awaitFile(OUTBOX.resolve("manual/pages.json"));
        for (int i = 1; i <= 6; i++) {
            assertImage(OUTBOX.resolve(String.format("manual/page-%03d.jpg", i)));
        }
        assertEquals(1, api.jobsSubmitted());
        assertTrue(api.jobPolls() >= 3);
        assertEquals(0, api.count(429), "polls and the download do not count in a 1-per-10-s window");
        assertTrue(api.requests().stream().noneMatch(r -> r.path().equals("/v1/convert")));
    }

    @Test
    void aSmallPdfStillUsesTheSynchronousConvert() throws IOException {
        Drop.bytes(INBOX, "note.pdf", pdf(2, "note"));
        awaitFile(OUTBOX.resolve("note/pages.json"));
        assertEquals(0, api.jobsSubmitted());
        assertTrue(api.requests().stream().anyMatch(r -> r.path().equals("/v1/convert")));
    }

    @Test
    void aFailedJobIsDeadLetteredWithTheApisError() throws IOException {
        api.failJobsIf(r -> marked(r, "broken"), "the PDF has no pages we can read");
        Drop.bytes(INBOX, "broken.pdf", pdf(5, "broken"));
        JsonNode report = report(OUTBOX, "broken");
        String reason = report.get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("failed: the PDF has no pages we can read"), reason);
        assertEquals(1, api.jobsSubmitted(), "a failed job is not submitted again");
    }

    @Test
    void aJobThatNeverFinishesIsSubmittedAgainThenDeadLettered() throws IOException {
        api.neverFinishJobsIf(r -> marked(r, "stuck"));
        Drop.bytes(INBOX, "stuck.pdf", pdf(5, "stuck"));
        JsonNode report = report(OUTBOX, "stuck");
        String reason = report.get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("did not finish within 1500 ms"), reason);
        assertEquals(2, api.jobsSubmitted(), "sluice.retry.attempts = 2");
    }

    @Test
    void aDownloadOnAnotherOriginIsFetchedWithoutTheKeyWhileThePollsCarryIt() throws IOException {
        api.downloadsOnOtherOrigin();
        Drop.bytes(INBOX, "presigned.pdf", pdf(5, "presigned"));
        awaitFile(OUTBOX.resolve("presigned/pages.json"));
        for (int i = 1; i <= 5; i++) {
            assertImage(OUTBOX.resolve(String.format("presigned/page-%03d.jpg", i)));
        }
        List<Recorded> downloads = api.otherOriginRequests();
        assertEquals(1, downloads.size(), downloads.toString());
        assertNull(downloads.get(0).header("authorization"), "the key went to another origin");
        assertEquals(200, downloads.get(0).status());
        assertTrue(downloads.get(0).query().startsWith("X-Signature="), "the pre-signed query arrives as named");
        List<Recorded> polls = jobLookups();
        assertFalse(polls.isEmpty());
        assertTrue(polls.stream().allMatch(r -> ("Bearer " + HostedApi.KEY).equals(r.header("authorization"))),
                "every poll to the API's own origin carries the key");
        assertTrue(polls.stream().noneMatch(r -> r.path().endsWith("/download")));
    }

    @Test
    void aDownloadRedirectedToAnotherOriginIsFollowedWithoutTheKey() throws IOException {
        api.redirectDownloadsToOtherOrigin();
        Drop.bytes(INBOX, "redirected.pdf", pdf(4, "redirected"));
        awaitFile(OUTBOX.resolve("redirected/pages.json"));
        assertImage(OUTBOX.resolve("redirected/page-004.jpg"));
        Recorded ownDownload = jobLookups().stream().filter(r -> r.path().endsWith("/download")).findFirst().orElseThrow();
        assertEquals(302, ownDownload.status());
        assertEquals("Bearer " + HostedApi.KEY, ownDownload.header("authorization"));
        List<Recorded> downloads = api.otherOriginRequests();
        assertEquals(1, downloads.size(), downloads.toString());
        assertNull(downloads.get(0).header("authorization"), "the redirect carried the key to another origin");
        assertEquals(200, downloads.get(0).status());
    }

    @Test
    void aDownloadUrlThatIsNotHttpFailsItsDocumentAndIsNotFollowed() throws IOException {
        api.downloadUrls(id -> "file:///etc/passwd");
        Drop.bytes(INBOX, "local-file.pdf", pdf(4, "local-file"));
        String reason = report(OUTBOX, "local-file").get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("download_url file:") && reason.contains("not an http(s) URL"), reason);
        assertEquals(1, api.jobsSubmitted(), "refused for good, not submitted again");
    }

    @Test
    void aDownloadUrlNamingAPropertyPlaceholderIsRefusedRatherThanResolvedToTheKey() throws IOException {
        // Camel resolves {{...}} in an endpoint URI and in the CamelHttpUri header alike
        api.downloadUrls(id -> "http://127.0.0.1:9/" + id + "?sig={{sluice.api.key}}");
        Drop.bytes(INBOX, "placeholder.pdf", pdf(4, "placeholder"));
        String reason = report(OUTBOX, "placeholder").get("failures").get(0).get("reason").asText();
        assertTrue(reason.contains("download_url is not a valid URL"), reason);
        assertFalse(reason.contains(HostedApi.KEY), reason);
    }

    private List<Recorded> jobLookups() {
        return api.requests().stream().filter(r -> r.method().equals("GET") && r.path().startsWith("/v1/jobs/")).toList();
    }

    private static boolean marked(Recorded r, String title) {
        return new String(r.body(), StandardCharsets.ISO_8859_1).contains("(" + title + ")");
    }

    /** A PDF of n pages whose title, stored uncompressed, lets the emulator tell it apart. */
    private static byte[] pdf(int pages, String title) throws IOException {
        try (PDDocument doc = Loader.loadPDF(Drop.pdf(pages)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle(title);
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }
}
