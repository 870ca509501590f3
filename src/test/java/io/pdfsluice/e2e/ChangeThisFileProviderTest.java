package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertImage;
import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.Recorded;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The ChangeThisFile shape: the raw PDF goes as the body, a ZIP or a single image comes back as pages. */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "ctf"), @ResourceArg(name = "provider", value = "changethisfile") })
class ChangeThisFileProviderTest {

    static final Path INBOX = Folders.inbox("ctf");
    static final Path OUTBOX = Folders.outbox("ctf");

    @Test
    void multiPagePdfIsPostedRawAndItsZipBecomesPages() throws IOException {
        byte[] pdf = Drop.pdf(4);
        Drop.bytes(INBOX, "report.pdf", pdf);
        awaitFile(OUTBOX.resolve("report/pages.json"));
        for (int i = 1; i <= 4; i++) {
            assertImage(OUTBOX.resolve(String.format("report/page-%03d.jpg", i)));
        }
        Recorded call = only("/v1/convert", "target=jpg");
        assertEquals("Bearer " + HostedApi.KEY, call.header("authorization"));
        assertEquals("application/pdf", call.header("content-type"));
        assertArrayEquals(pdf, call.body(), "the PDF is sent as the raw body");
    }

    @Test
    void singlePagePdfAnswerIsOneImage() throws IOException {
        Drop.bytes(INBOX, "card.pdf", Drop.pdf(1));
        awaitFile(OUTBOX.resolve("card/pages.json"));
        assertImage(OUTBOX.resolve("card/page-001.jpg"));
        assertTrue(Files.notExists(OUTBOX.resolve("card/page-002.jpg")));
    }

    @Test
    void markdownIsConvertedWithTargetPdf() throws IOException {
        Drop.text(INBOX, "memo.md", "# Memo\n\nShort.");
        awaitFile(OUTBOX.resolve("memo.pdf"));
        assertPdf(OUTBOX.resolve("memo.pdf"), 1, "Memo");
        Recorded call = only("/v1/convert", "target=pdf");
        assertEquals("text/markdown", call.header("content-type"));
    }

    private static Recorded only(String path, String query) {
        List<Recorded> calls = HostedApi.emulator().requests().stream()
                .filter(r -> r.path().equals(path) && query.equals(r.query())).toList();
        assertTrue(calls.size() >= 1, "no call to " + path + "?" + query);
        return calls.get(calls.size() - 1);
    }
}
