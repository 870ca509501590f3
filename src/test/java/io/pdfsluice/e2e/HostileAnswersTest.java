package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.emulator.HostileArchives;
import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A hosted API (ChangeThisFile shape) that answers 200 with something that must not be written: every hostile
 * archive, a ZIP labelled as an image, a page of the wrong format, a PDF that is not one. Each ends its document
 * failed with the reason, through the real routes; the file moves to .failed/, nothing is left in the outbox, and a
 * good file dropped beside it goes through.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "hostile"), @ResourceArg(name = "provider", value = "changethisfile"),
        @ResourceArg(name = "sluice.pages.max-entries", value = "20") })
class HostileAnswersTest {

    static final Path INBOX = Folders.inbox("hostile");
    static final Path OUTBOX = Folders.outbox("hostile");
    static final Predicate<Recorded> PAGES = r -> r.path().equals("/v1/convert") && r.query().equals("target=jpg");
    /** The Markdown documents under test; the good file beside each says "fine". */
    static final Predicate<Recorded> PDF = r -> r.path().equals("/v1/convert") && r.query().equals("target=pdf")
            && !r.bodyText().contains("fine");

    @ParameterizedTest
    @EnumSource(HostileArchives.class)
    void aHostileArchiveFailsItsDocumentWithTheReasonAndTheBatchEnds(HostileArchives archive) throws IOException {
        HostedApi.freshEmulator().answerIf(PAGES, 200, "application/zip", archive.bytes());
        String stem = "scan-" + archive.name().toLowerCase(Locale.ROOT).replace('_', '-');
        assertFailsAlone(stem + ".pdf", Drop.pdf(2), stem, archive.reason);
    }

    @Test
    void aZipLabelledAsAJpegIsNotWrittenAsPageOne() throws IOException {
        HostedApi.freshEmulator().answerIf(PAGES, 200, "image/jpeg", HostileArchives.twoPages());
        assertFailsAlone("labelled.pdf", Drop.pdf(2), "labelled", "labelled image/jpeg but its bytes are a ZIP archive");
    }

    @Test
    void aPngLabelledAsAJpegIsRefused() throws IOException {
        HostedApi.freshEmulator().answerIf(PAGES, 200, "image/jpeg", pngBytes());
        assertFailsAlone("png-as-jpeg.pdf", Drop.pdf(1), "png-as-jpeg", "labelled image/jpeg but its bytes are a PNG image");
    }

    @Test
    void anErrorPageLabelledAsAPdfIsNotWrittenAsTheDocument() throws IOException {
        HostedApi.freshEmulator().answerIf(PDF, 200, "application/pdf",
                "<html><body>Service temporarily unavailable</body></html>".getBytes());
        assertFailsAlone("memo.md", "# Memo\n\nShort.".getBytes(), "memo",
                "labelled application/pdf but its bytes are none of the known formats");
        assertFalse(Files.exists(OUTBOX.resolve("memo.pdf")));
    }

    @Test
    void aJpegAnsweredForAMarkdownDocumentIsRefused() throws IOException {
        HostedApi.freshEmulator().answerIf(PDF, 200, "application/octet-stream", HostileArchives.jpeg());
        assertFailsAlone("note.md", "# Note".getBytes(), "note", "is a JPEG image (application/octet-stream), not a PDF");
    }

    @Test
    void anErrorThatEchoesTheKeyIsReportedAndLoggedWithoutIt() throws IOException {
        HostedApi.freshEmulator().answerIf(PDF, 422, "application/json",
                ("{\"error\":\"bad request from Bearer " + HostedApi.KEY + "\u0000\"}").getBytes());
        assertFailsAlone("echo.md", "# Echo".getBytes(), "echo",
                "HTTP 422 from changethisfile: {\"error\":\"bad request from Bearer [key]?\"}");
        for (String written : List.of("echo.report.json", "echo.report.html", "echo.failures.jsonl")) {
            assertFalse(Files.readString(OUTBOX.resolve(written)).contains(HostedApi.KEY), written + " holds the key");
        }
        assertFalse(Files.readString(Path.of("target/quarkus.log")).contains(HostedApi.KEY), "the log holds the key");
    }

    @Test
    void countsOfMinusOneAreNoLimitAndTheBatchGoesOn() throws IOException {
        // APIs send -1 for a plan without a quota or a limit: before, it read as a spent quota, and every document
        // waited for the month's reset (a run-once exited 75)
        HostedApi.freshEmulator().alsoSend("X-Quota-Remaining", "-1").alsoSend("X-RateLimit-Limit", "-1")
                .alsoSend("X-RateLimit-Remaining", "-1");
        Drop.text(INBOX, "unlimited.jsonl", "{\"id\":\"u1\",\"markdown\":\"# One\"}\n"
                + "{\"id\":\"u2\",\"markdown\":\"# Two\"}\n{\"id\":\"u3\",\"markdown\":\"# Three\"}\n");
        awaitFile(INBOX.resolve(".done/unlimited.jsonl"));
        JsonNode report = report(OUTBOX, "unlimited");
        assertEquals(3, report.get("ok").asInt(), report::toString);
        assertEquals(0, report.get("failed").asInt(), report::toString);
    }

    /** The hostile document fails with the reason; a good file dropped with it is delivered; both files move on. */
    private static void assertFailsAlone(String name, byte[] content, String stem, String reason) throws IOException {
        String good = "good-" + stem + ".md";
        Drop.bytes(INBOX, name, content);
        Drop.text(INBOX, good, "# Fine\n\nThis one is fine.");
        JsonNode report = report(OUTBOX, stem);
        assertEquals(1, report.get("failed").asInt(), report::toString);
        assertEquals(0, report.get("ok").asInt(), report::toString);
        String why = report.get("failures").get(0).get("reason").asText();
        assertTrue(why.contains(reason) && why.contains(name), why);
        awaitFile(INBOX.resolve(".failed/" + name));
        awaitFile(INBOX.resolve(".done/" + good));
        assertEquals(1, report(OUTBOX, "good-" + stem).get("ok").asInt());
        assertTrue(Files.exists(OUTBOX.resolve(stem + ".failures.jsonl")));
        assertFalse(Files.exists(OUTBOX.resolve(stem)), "no page set for " + stem);
        assertFalse(Files.exists(OUTBOX.resolve("evil-001.jpg")) || Files.exists(Folders.ROOT.resolve("evil-001.jpg")));
        try (Stream<Path> left = Files.list(OUTBOX)) {
            List<String> hidden = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".part-")).toList();
            assertTrue(hidden.isEmpty(), "temporary outputs left behind: " + hidden);
        }
    }

    private static byte[] pngBytes() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
