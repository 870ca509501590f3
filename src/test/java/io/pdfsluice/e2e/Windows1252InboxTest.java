package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** sluice.inbox.charset=windows-1252: an old Excel CSV export just works, and a UTF-8 BOM still wins. */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, initArgs = {
        @ResourceArg(name = "name", value = "windows-1252"),
        @ResourceArg(name = "sluice.inbox.charset", value = "windows-1252") }, restrictToAnnotatedClass = true)
class Windows1252InboxTest {

    static final Path INBOX = Folders.inbox("windows-1252");
    static final Path OUTBOX = Folders.outbox("windows-1252");

    @Test
    void aWindows1252CsvWithAnAccentedTitleGivesAPdfWithThatTitle() throws IOException {
        Drop.bytes(INBOX, "export.csv", "id,title,markdown\r\ncv-1,Résumé,\"# Résumé\r\n\r\nPrix : 5 €\"\r\n"
                .getBytes(Charset.forName("windows-1252")));
        assertEquals(1, report(OUTBOX, "export").get("ok").asInt());
        String text = assertPdf(OUTBOX.resolve("export/cv-1.pdf"), 1, "Résumé");
        assertTrue(text.contains("Prix : 5 €"), text);
        awaitFile(INBOX.resolve(".done/export.csv"));
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsStillReadAsUtf8() throws IOException {
        Drop.bytes(INBOX, "marked.jsonl", ManifestDecodingTest.bytes(0xEF, 0xBB, 0xBF,
                "{\"id\":\"m-1\",\"title\":\"Crème brûlée\",\"markdown\":\"# Crème brûlée\"}\n"));
        assertEquals(1, report(OUTBOX, "marked").get("ok").asInt());
        assertPdf(OUTBOX.resolve("marked/m-1.pdf"), 1, "Crème brûlée");
    }
}
