package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * pdfRelay's Batch API through the real routes: documents packed up to 50 a request, one place in the rate window per
 * batch and one conversion of the quota per item, each item's result its document's output, a failed item failing
 * alone and retried in a later batch, and a batch's Idempotency-Key the same on every retry of the same documents;
 * and its async conversions for a large document, which is submitted, polled and downloaded as a job.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "relay-batch"), @ResourceArg(name = "provider", value = "pdfrelay"),
        @ResourceArg(name = "limits", value = "4/2s"),
        @ResourceArg(name = "sluice.api.batch-linger-ms", value = "500"),
        @ResourceArg(name = "sluice.jobs.min-text-bytes", value = "20000"),
        @ResourceArg(name = "sluice.jobs.poll-ms", value = "50") })
class PdfRelayBatchTest {

    static final Path INBOX = Folders.inbox("relay-batch");
    static final Path OUTBOX = Folders.outbox("relay-batch");

    @Test
    void a120DocumentManifestTakesThreeRequestsOfTheWindowAndAHundredAndTwentyOfTheQuota() throws IOException {
        // the server's window is the plan's: 4 requests per 2 s; one document a request would take a minute
        ApiEmulator api = HostedApi.freshEmulator().limits(new Window(4, 2_000)).quota(1_000);
        Drop.text(INBOX, "statements.jsonl", Manifests.jsonl("st", 120));
        JsonNode report = report(OUTBOX, "statements");
        assertEquals(120, report.get("ok").asInt(), report.toString());
        assertEquals(120, report.get("delivered_by").get("pdfrelay").asInt(), report.toString());
        assertPdf(OUTBOX.resolve("statements/st-001.pdf"), 1, "st 001");
        assertPdf(OUTBOX.resolve("statements/st-120.pdf"), 1, "st 120");

        assertEquals(0, api.count(429));
        List<Recorded> batches = api.requests().stream().filter(r -> r.path().equals("/v1/batch")).toList();
        assertEquals(api.requests().size(), batches.size(), "every document went in a batch");
        assertTrue(batches.size() >= 3 && batches.size() <= 6, "packed up to 50: " + api.batchSizes());
        assertTrue(api.batchSizes().stream().allMatch(n -> n <= 50), api.batchSizes().toString());
        assertEquals(120, api.batchSizes().stream().mapToInt(Integer::intValue).sum());
        assertEquals(120, new HashSet<>(api.batchItemsConverted()).size(), "each document converted once");
        // the quota counts items: the last answer said how many of the 1,000 were left
        Recorded last = batches.get(batches.size() - 1);
        assertEquals(200, last.status());
        assertEquals("Bearer " + HostedApi.KEY, last.header("authorization"));
    }

    @Test
    void aFailedItemFailsAloneAndIsRetriedInALaterBatch() throws IOException {
        AtomicInteger flaky = new AtomicInteger();
        ApiEmulator api = HostedApi.freshEmulator()
                .failBatchItemsIf(html -> html.contains("Flaky") && flaky.incrementAndGet() == 1, 500);
        StringBuilder manifest = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            manifest.append("{\"id\":\"d").append(i).append("\",\"markdown\":\"# Doc ").append(i).append("\"}\n");
        }
        manifest.append("{\"id\":\"flaky\",\"markdown\":\"# Flaky\"}\n");
        manifest.append("{\"id\":\"broken\",\"html\":\"no markup at all\"}\n");
        Drop.text(INBOX, "mixed.jsonl", manifest.toString());
        JsonNode report = report(OUTBOX, "mixed");
        assertEquals(10, report.get("ok").asInt(), report.toString());
        assertEquals(1, report.get("failed").asInt(), report.toString());
        JsonNode failure = report.get("failures").get(0);
        assertEquals("broken", failure.get("id").asText());
        assertTrue(failure.get("reason").asText().contains("HTTP 422"), failure.toString());
        assertTrue(failure.get("reason").asText().contains("pdfrelay"), failure.toString());
        assertTrue(Files.exists(OUTBOX.resolve("mixed/flaky.pdf")), "the flaky item went in a later batch");
        assertTrue(api.batchSizes().size() >= 2, "a later batch carried it: " + api.batchSizes());
        assertEquals(10, new HashSet<>(api.batchItemsConverted()).size());
        assertEquals(10, api.batchItemsConverted().size(), "no document converted twice");
    }

    @Test
    void aLargeDocumentGoesToTheAsyncConversionsAndIsPolledTheRestInABatch() throws IOException {
        ApiEmulator api = HostedApi.freshEmulator().jobsDoneAfterPolls(2);
        String large = "# Annual report\\n\\n" + "A line of the annual report, long enough to be large. ".repeat(500);
        Drop.text(INBOX, "annual.jsonl", "{\"id\":\"a1\",\"title\":\"Annual report\",\"markdown\":\"" + large
                + "\"}\n{\"id\":\"s1\",\"title\":\"Small 1\",\"markdown\":\"# Small 1\"}\n"
                + "{\"id\":\"s2\",\"title\":\"Small 2\",\"markdown\":\"# Small 2\"}\n");
        JsonNode report = report(OUTBOX, "annual");
        assertEquals(3, report.get("ok").asInt(), report.toString());
        assertPdf(OUTBOX.resolve("annual/a1.pdf"), 1, "Annual report");
        assertPdf(OUTBOX.resolve("annual/s2.pdf"), 1, "Small 2");
        List<Recorded> submitted = api.requests().stream().filter(r -> r.path().equals("/v1/pdf/async")).toList();
        assertEquals(1, submitted.size(), "the large one was submitted as a job");
        assertTrue(Outputs.JSON.readTree(submitted.get(0).body()).get("html").asText().contains("Annual report"));
        assertEquals(1, api.jobsSubmitted());
        assertTrue(api.jobPolls() >= 2, "polled until done: " + api.jobPolls());
        assertEquals(List.of(2), api.batchSizes(), "the small ones went in one batch");
    }

    @Test
    void hostileBatchAnswersFailNoDocumentTheyDoNotConcernAndWedgeNothing() throws IOException {
        AtomicInteger batches = new AtomicInteger();
        byte[] notJson = "<html>maintenance</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] noneOfThem = "{\"success\": true, \"results\": [{\"id\": \"someone-else\", \"success\": true, \"pdf\": \"JVBERi0=\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the first batch is answered 200 with an HTML page, the second with results for another batch's item
        ApiEmulator api = HostedApi.freshEmulator()
                .answerIf(r -> r.path().equals("/v1/batch") && batches.get() == 0 && batches.incrementAndGet() == 1,
                        200, "application/json", notJson)
                .answerIf(r -> r.path().equals("/v1/batch") && batches.get() == 1 && batches.incrementAndGet() == 2,
                        200, "application/json", noneOfThem);
        Drop.text(INBOX, "hostile.jsonl", Manifests.jsonl("ho", 5));
        JsonNode report = report(OUTBOX, "hostile");
        assertEquals(5, report.get("ok").asInt(), report.toString());
        assertTrue(batches.get() >= 2, "both hostile answers were met");
        assertTrue(api.requests().size() >= 3, "the documents were retried in a later batch");
        for (int i = 1; i <= 5; i++) {
            assertPdf(OUTBOX.resolve(String.format("hostile/ho-%03d.pdf", i)), 1, String.format("ho %03d", i));
        }
    }

    @Test
    void anItemWhosePdfIsNotAPdfFailsItsDocumentAloneNamingIt() throws IOException {
        HostedApi.freshEmulator().lieInBatchItemsIf(html -> html.contains("Liar"));
        Drop.text(INBOX, "lying.jsonl", "{\"id\":\"liar\",\"markdown\":\"# Liar\"}\n"
                + "{\"id\":\"honest\",\"markdown\":\"# Honest\"}\n");
        JsonNode report = report(OUTBOX, "lying");
        assertEquals(1, report.get("ok").asInt(), report.toString());
        assertEquals(1, report.get("failed").asInt(), report.toString());
        JsonNode failure = report.get("failures").get(0);
        assertEquals("liar", failure.get("id").asText());
        assertTrue(failure.get("reason").asText().contains("GIF"), failure.toString());
        assertTrue(Files.notExists(OUTBOX.resolve("lying/liar.pdf")), "nothing written under its name");
        assertTrue(Files.exists(OUTBOX.resolve("lying/honest.pdf")));
    }

    @Test
    void aBatchRetriedAfterA503KeepsItsIdempotencyKey() throws IOException {
        AtomicInteger sent = new AtomicInteger();
        ApiEmulator api = HostedApi.freshEmulator()
                .rejectIf(r -> r.path().equals("/v1/batch") && sent.getAndIncrement() == 0, 503, "over capacity");
        Drop.text(INBOX, "retried.jsonl", Manifests.jsonl("re", 8));
        JsonNode report = report(OUTBOX, "retried");
        assertEquals(8, report.get("ok").asInt(), report.toString());
        List<Recorded> failed = api.requests().stream().filter(r -> r.status() == 503).toList();
        assertTrue(!failed.isEmpty(), "the outage was met");
        Set<String> keys = new HashSet<>();
        api.requests().forEach(r -> keys.add(r.header("idempotency-key")));
        Recorded ok = api.requests().stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        assertEquals(failed.get(0).header("idempotency-key"), ok.header("idempotency-key"),
                "the same eight documents, the same key: " + api.batchSizes());
        assertEquals(1, keys.size(), "one batch, however often it was sent");
    }
}
