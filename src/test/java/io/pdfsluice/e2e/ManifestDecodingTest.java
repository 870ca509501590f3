package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.assertPdf;
import static io.pdfsluice.e2e.Outputs.awaitFile;
import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Inbox files with bytes that are not UTF-8, and with byte-order marks, through the real routes (issue #16). */
@QuarkusTest
@QuarkusTestResource(value = Folders.class, initArgs = @ResourceArg(name = "name", value = "decoding"), restrictToAnnotatedClass = true)
class ManifestDecodingTest {

    static final Path INBOX = Folders.inbox("decoding");
    static final Path OUTBOX = Folders.outbox("decoding");

    @Test
    void aJsonLineThatIsNotUtf8FailsAloneAndTheGoodLinesAroundItBecomePdfs() throws IOException {
        Drop.bytes(INBOX, "latin.jsonl", bytes(
                "{\"id\":\"good-1\",\"title\":\"Good one\",\"markdown\":\"# Good one\"}\n",
                "{\"id\":\"latin\",\"title\":\"Caf", 0xE9, "\",\"markdown\":\"# Caf", 0xE9, "\"}\n",
                "{\"id\":\"good-2\",\"title\":\"Good two é\",\"markdown\":\"# Good two é\"}\n"));
        JsonNode report = report(OUTBOX, "latin");
        assertEquals(3, report.get("documents").asInt());
        assertEquals(2, report.get("ok").asInt());
        assertEquals(1, report.get("failed").asInt());
        assertEquals(List.of("latin.jsonl line 2: not valid UTF-8 (byte 0xE9 at column 27)"), reasons(report));
        assertPdf(OUTBOX.resolve("latin/good-1.pdf"), 1, "Good one");
        assertPdf(OUTBOX.resolve("latin/good-2.pdf"), 1, "Good two é");
        assertFalse(Files.exists(OUTBOX.resolve("latin/latin.pdf")));
        awaitFile(INBOX.resolve(".failed/latin.jsonl"));
        List<String> deadLetters = Files.readAllLines(OUTBOX.resolve("latin.failures.jsonl"));
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).contains("\"where\":\"line 2\""), deadLetters::toString);
    }

    @Test
    void aCsvWithAUtf8ByteOrderMarkFindsItsIdColumn() throws IOException {
        Drop.bytes(INBOX, "excel.csv", bytes(0xEF, 0xBB, 0xBF, "id,title,markdown\r\n",
                "menu-1,Café crème,\"# Café crème\r\n\r\nWith milk.\"\r\n"));
        JsonNode report = report(OUTBOX, "excel");
        assertEquals(1, report.get("ok").asInt(), report::toString);
        String text = assertPdf(OUTBOX.resolve("excel/menu-1.pdf"), 1, "Café crème");
        assertTrue(text.contains("With milk."), text);
        awaitFile(INBOX.resolve(".done/excel.csv"));
    }

    @Test
    void aCsvRowWithAnUndecodableByteFailsAloneAmongGoodRows() throws IOException {
        Drop.bytes(INBOX, "rows.csv", bytes("id,title,markdown\n",
                "row-1,Row one,# Row one\n",
                "row-2,Row ", 0xFF, "two,# Row two\n",
                "row-3,Row three,\"# Row three\n\nSecond paragraph.\"\n"));
        JsonNode report = report(OUTBOX, "rows");
        assertEquals(3, report.get("documents").asInt());
        assertEquals(2, report.get("ok").asInt());
        assertEquals(List.of("rows.csv row 2: not valid UTF-8 (byte 0xFF at line 3, column 11)"), reasons(report));
        assertPdf(OUTBOX.resolve("rows/row-1.pdf"), 1, "Row one");
        assertPdf(OUTBOX.resolve("rows/row-3.pdf"), 1, "Row three");
        awaitFile(INBOX.resolve(".failed/rows.csv"));
    }

    @Test
    void aMarkdownFileThatIsNotUtf8FailsWithAReasonNamingIt() throws IOException {
        Drop.bytes(INBOX, "menu.md", bytes("# Menu\n\nCaf", 0xE9, " au lait\n"));
        assertEquals(List.of("menu.md: not valid UTF-8 (byte 0xE9 at line 3, column 4)"), reasons(report(OUTBOX, "menu")));
        awaitFile(INBOX.resolve(".failed/menu.md"));
        assertFalse(Files.exists(OUTBOX.resolve("menu.pdf")));
    }

    /** Strings as UTF-8, Integers as one raw byte each. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    static List<String> reasons(JsonNode report) {
        return StreamSupport.stream(report.get("failures").spliterator(), false).map(f -> f.get("reason").asText()).toList();
    }
}
