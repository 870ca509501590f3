package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertImage;
import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Inbox to outbox on the embedded engine, through the real routes, the engine's HTTP API and the real renderers. */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, initArgs = @ResourceArg(name = "name", value = "inbox"), restrictToAnnotatedClass = true)
class InboxTest {

    static final Path INBOX = Folders.inbox("inbox");
    static final Path OUTBOX = Folders.outbox("inbox");

    @Test
    void markdownFileBecomesPdfWithItsTitleAndContent() throws IOException {
        Drop.text(INBOX, "welcome.md", "# Welcome aboard\n\nSome *emphasis* and a list:\n\n- first item\n- second item\n\n"
                + "| Plan | Rate |\n|------|------|\n| pro | 120/min |\n\n```\nint answer = 42;\n```\n");
        awaitFile(INBOX.resolve(".done/welcome.md"));
        String text = assertPdf(OUTBOX.resolve("welcome.pdf"), 1, "Welcome aboard");
        assertTrue(text.contains("Welcome aboard") && text.contains("second item") && text.contains("120/min")
                && text.contains("int answer = 42;"), text);
        JsonNode report = report(OUTBOX, "welcome");
        assertEquals(1, report.get("ok").asInt());
        assertEquals(0, report.get("failed").asInt());
    }

    @Test
    void htmlFileBecomesPdf() throws IOException {
        Drop.text(INBOX, "letter.html", "<html><body><h1>Dear reader</h1><p>Thank you.</p></body></html>");
        awaitFile(INBOX.resolve(".done/letter.html"));
        String text = assertPdf(OUTBOX.resolve("letter.pdf"), 1, "Dear reader");
        assertTrue(text.contains("Thank you."), text);
    }

    @Test
    void pdfBecomesOneImagePerPageInPageOrder() throws IOException {
        Drop.bytes(INBOX, "deck.pdf", Drop.pdf(3));
        awaitFile(OUTBOX.resolve("deck/pages.json"));
        for (int i = 1; i <= 3; i++) {
            assertImage(OUTBOX.resolve(String.format("deck/page-%03d.jpg", i)));
        }
        assertFalse(Files.exists(OUTBOX.resolve("deck/page-004.jpg")));
        JsonNode pages = Outputs.JSON.readTree(OUTBOX.resolve("deck/pages.json").toFile());
        assertEquals(3, pages.get("pages").asInt());
        assertEquals("deck.pdf", pages.get("source").asText());
        assertEquals(64, pages.get("files").get(0).get("sha256").asText().length());
        awaitFile(INBOX.resolve(".done/deck.pdf"));
    }

    @Test
    void theEngineServesTheAsyncJobsApiForSelfHostedUse() throws Exception {
        String id = given().contentType("application/pdf").body(Drop.pdf(3)).queryParam("target", "png")
                .post("/v1/jobs").then().statusCode(202).extract().path("job_id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "done".equals(given().get("/v1/jobs/" + id).then().statusCode(200).extract().path("state")));
        String downloadUrl = given().get("/v1/jobs/" + id).then().extract().path("download_url");
        byte[] zip = given().get(downloadUrl).then().statusCode(200).contentType("application/zip").extract().asByteArray();
        List<String> entries = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                entries.add(e.getName());
            }
        }
        assertEquals(List.of("page-001.png", "page-002.png", "page-003.png"), entries);
        given().get("/v1/jobs/no-such-job").then().statusCode(404);
    }

    @Test
    void singlePagePdfBecomesPageOne() throws IOException {
        Drop.bytes(INBOX, "flyer.pdf", Drop.pdf(1));
        awaitFile(OUTBOX.resolve("flyer/pages.json"));
        assertImage(OUTBOX.resolve("flyer/page-001.jpg"));
    }

    @Test
    void jsonLinesManifestOfFiftyRecordsBecomesFiftyPdfs() throws IOException {
        String manifest = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> String.format(
                        "{\"id\":\"inv-%02d\",\"title\":\"Invoice %02d\",\"markdown\":\"# Invoice %02d\\n\\nAmount: %d EUR\"}",
                        i, i, i, i * 10))
                .collect(Collectors.joining("\n", "", "\n"));
        Drop.text(INBOX, "invoices.jsonl", manifest);
        JsonNode report = report(OUTBOX, "invoices");
        assertEquals(50, report.get("documents").asInt());
        assertEquals(50, report.get("ok").asInt());
        for (int i = 1; i <= 50; i++) {
            assertPdf(OUTBOX.resolve(String.format("invoices/inv-%02d.pdf", i)), 1, String.format("Invoice %02d", i));
        }
        awaitFile(INBOX.resolve(".done/invoices.jsonl"));
    }

    @Test
    void csvAndJsonArrayManifestsBecomePdfs() throws IOException {
        Drop.text(INBOX, "certs.csv", "id,title,markdown\ncert-1,Certificate One,\"# Certificate One\n\nAwarded.\"\n"
                + "cert-2,Certificate Two,# Certificate Two\n");
        Drop.text(INBOX, "notes.json", "[{\"id\":\"n1\",\"title\":\"Note one\",\"html\":\"<p>Note one</p>\"},"
                + "{\"id\":\"n2\",\"title\":\"Note two\",\"markdown\":\"Note two\"}]");
        assertEquals(2, report(OUTBOX, "certs").get("ok").asInt());
        assertEquals(2, report(OUTBOX, "notes").get("ok").asInt());
        assertPdf(OUTBOX.resolve("certs/cert-1.pdf"), 1, "Certificate One");
        assertPdf(OUTBOX.resolve("certs/cert-2.pdf"), 1, "Certificate Two");
        assertPdf(OUTBOX.resolve("notes/n1.pdf"), 1, "Note one");
        assertPdf(OUTBOX.resolve("notes/n2.pdf"), 1, "Note two");
    }

    @Test
    void badRecordsAreReportedByLineAndTheRestOfTheFileSucceeds() throws IOException {
        Drop.text(INBOX, "mixed.jsonl", String.join("\n",
                "{\"id\":\"good-1\",\"title\":\"Good one\",\"markdown\":\"# Good one\"}",
                "{\"id\":\"broken\", \"markdown\": ",
                "{\"id\":\"empty\",\"title\":\"No body\"}",
                "{\"id\":\"../../x\",\"markdown\":\"# Escape\"}",
                "{\"id\":\"good-2\",\"title\":\"Good two\",\"markdown\":\"# Good two\"}") + "\n");
        JsonNode report = report(OUTBOX, "mixed");
        assertEquals(5, report.get("documents").asInt());
        assertEquals(2, report.get("ok").asInt());
        assertEquals(3, report.get("failed").asInt());
        List<String> reasons = reasons(report);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("mixed.jsonl line 2") && r.contains("malformed JSON")),
                reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("mixed.jsonl line 3") && r.contains("no body")),
                reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("mixed.jsonl line 4") && r.contains("not a safe file name")),
                reasons::toString);
        assertPdf(OUTBOX.resolve("mixed/good-1.pdf"), 1, "Good one");
        assertPdf(OUTBOX.resolve("mixed/good-2.pdf"), 1, "Good two");
        assertFalse(Files.exists(Folders.ROOT.resolve("x.pdf")) || Files.exists(OUTBOX.resolve("x.pdf"))
                || Files.exists(Folders.ROOT.resolve("inbox/x.pdf")));
        awaitFile(INBOX.resolve(".failed/mixed.jsonl"));
        List<String> deadLetters = Files.readAllLines(OUTBOX.resolve("mixed.failures.jsonl"));
        assertEquals(3, deadLetters.size());
    }

    @Test
    void aJsonArrayElementThatIsNotARecordFailsAloneAndTheElementsAfterItAreConverted() throws IOException {
        Drop.text(INBOX, "shapes.json", "[{\"id\":\"s1\",\"title\":\"Shape one\",\"markdown\":\"# Shape one\"}, null, 5,"
                + " {\"id\":\"s4\",\"markdown\":[\"x\"]}, {\"id\":\"s5\",\"title\":\"Shape five\",\"markdown\":\"# Shape five\"}]");
        JsonNode report = report(OUTBOX, "shapes");
        assertEquals(5, report.get("documents").asInt());
        assertEquals(2, report.get("ok").asInt());
        assertEquals(3, report.get("failed").asInt());
        List<String> reasons = reasons(report);
        for (String where : List.of("shapes.json element 2: not a record (null", "shapes.json element 3: not a record "
                + "(number", "shapes.json element 4 (id s4): not a record")) {
            assertTrue(reasons.stream().anyMatch(r -> r.startsWith(where)), where + " in " + reasons);
        }
        assertPdf(OUTBOX.resolve("shapes/s1.pdf"), 1, "Shape one");
        assertPdf(OUTBOX.resolve("shapes/s5.pdf"), 1, "Shape five");
        awaitFile(INBOX.resolve(".failed/shapes.json"));
        assertEquals(3, Files.readAllLines(OUTBOX.resolve("shapes.failures.jsonl")).size());
    }

    @Test
    void deadLettersAreMendedInPlaceAndReRun() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Drop.text(INBOX, "mend.jsonl", String.join("\n",
                "{\"id\":\"m/1\",\"title\":\"Mended one\",\"markdown\":\"# Mended one\"}",
                "{\"id\":\"m2\", \"markdown\": ",
                "{\"id\":\"m3\",\"title\":\"Three\",\"markdown\":\"# Three\"}") + "\n");
        awaitFile(INBOX.resolve(".failed/mend.jsonl"));
        List<String> letters = Files.readAllLines(OUTBOX.resolve("mend.failures.jsonl"));
        assertEquals(2, letters.size(), letters::toString);
        ObjectNode unsafe = (ObjectNode) letters.stream().map(l -> read(json, l)).filter(l -> l.has("markdown"))
                .findFirst().orElseThrow(() -> new AssertionError("the unsafe id's letter keeps its record: " + letters));
        ObjectNode unreadable = (ObjectNode) letters.stream().map(l -> read(json, l)).filter(l -> l.has("raw"))
                .findFirst().orElseThrow(() -> new AssertionError("the malformed line's letter keeps its text: " + letters));
        assertEquals("{\"id\":\"m2\", \"markdown\": ", unreadable.get("raw").asText());

        // what a user does: mends the id of one, and the raw text of the other, then drops the letters again
        unsafe.put("id", "m1");
        unreadable.put("raw", "{\"id\":\"m2\",\"title\":\"Mended two\",\"markdown\":\"# Mended two\"}");
        Files.delete(OUTBOX.resolve("mend.failures.jsonl"));
        Drop.text(INBOX, "mend.failures.jsonl", unsafe + "\n" + unreadable + "\n");
        awaitFile(INBOX.resolve(".done/mend.failures.jsonl"));
        assertPdf(OUTBOX.resolve("mend/m1.pdf"), 1, "Mended one");
        assertPdf(OUTBOX.resolve("mend/m2.pdf"), 1, "Mended two");
        assertPdf(OUTBOX.resolve("mend/m3.pdf"), 1, "Three");
    }

    @Test
    void aDeadLetterWhoseRawTextIsStillUnreadableKeepsItForTheNextTry() throws IOException {
        Drop.text(INBOX, "again.failures.jsonl", "{\"id\":\"a1\",\"raw\":\"{\\\"id\\\":\\\"a1\\\", oops\"}\n");
        awaitFile(INBOX.resolve(".failed/again.failures.jsonl"));
        List<String> letters = Files.readAllLines(OUTBOX.resolve("again.failures.jsonl"));
        assertEquals(1, letters.size());
        JsonNode letter = read(new ObjectMapper(), letters.get(0));
        assertEquals("{\"id\":\"a1\", oops", letter.get("raw").asText(), "the text to mend is kept");
        assertTrue(letter.get("reason").asText().contains("its raw record is still not readable"), letter::toString);
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void aSecondRecordWithAnIdFailsAndTheFirstOneIsTheOutput() throws IOException {
        Drop.text(INBOX, "twice.jsonl", String.join("\n",
                "{\"id\":\"dup\",\"title\":\"First\",\"markdown\":\"# First\"}",
                "{\"id\":\"dup\",\"title\":\"Second\",\"markdown\":\"# Second\"}",
                "{\"id\":\"dup\",\"title\":\"Third\",\"markdown\":\"# Third\"}") + "\n");
        JsonNode report = report(OUTBOX, "twice");
        assertEquals(3, report.get("documents").asInt());
        assertEquals(1, report.get("ok").asInt());
        assertEquals(2, report.get("failed").asInt());
        List<String> reasons = reasons(report);
        for (int line : new int[] { 2, 3 }) {
            assertTrue(reasons.contains("twice.jsonl line " + line + " (id dup): duplicate id: an earlier record of "
                    + "twice.jsonl has it, and its output twice/dup.pdf; give this one an id of its own"),
                    reasons::toString);
        }
        assertPdf(OUTBOX.resolve("twice/dup.pdf"), 1, "First");
        awaitFile(INBOX.resolve(".failed/twice.jsonl"));
    }

    @Test
    void unusableFilesFailWithAClearReason() throws IOException {
        Drop.text(INBOX, "nothing.md", "");
        Drop.text(INBOX, "fake.pdf", "this is not a PDF at all");
        Drop.text(INBOX, "photo.gif", "GIF89a");
        assertTrue(reasons(report(OUTBOX, "nothing")).get(0).contains("nothing.md: empty file"));
        assertTrue(reasons(report(OUTBOX, "fake")).get(0).toLowerCase().contains("not a pdf"),
                () -> reasons(readQuietly("fake")).toString());
        assertTrue(reasons(report(OUTBOX, "photo")).get(0).contains("unsupported file type '.gif'"));
        awaitFile(INBOX.resolve(".failed/fake.pdf"));
        assertFalse(Files.exists(OUTBOX.resolve("fake/pages.json")));
    }

    private static JsonNode readQuietly(String stem) {
        try {
            return report(OUTBOX, stem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> reasons(JsonNode report) {
        return java.util.stream.StreamSupport.stream(report.get("failures").spliterator(), false)
                .map(f -> f.get("reason").asText()).toList();
    }
}
