package io.pdfsluice.inbox;

import static io.pdfsluice.inbox.Bytes.WINDOWS_1252;
import static io.pdfsluice.inbox.Bytes.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;

/** Bytes that do not decode fail the one record they are in; the records around them are read as usual. */
class ManifestDecodingRecordsTest {

    private static final String GOOD_A = "{\"id\":\"a\",\"title\":\"Café A\",\"markdown\":\"# A\"}";
    private static final String GOOD_B = "{\"id\":\"b\",\"markdown\":\"# B\"}";

    private final Manifest manifest = manifest(UTF_8);

    @TempDir
    Path folder;

    @Test
    void aJsonLineThatIsNotUtf8FailsAloneAndTheLinesAfterItGoOn() throws IOException {
        List<Document> docs = jsonl(utf8(GOOD_A, "\n{\"id\":\"bad\",\"title\":\"Caf", 0xE9, "\"}\r\n\n", GOOD_B, "\r\n"));
        assertEquals(3, docs.size());
        assertEquals("Café A", docs.get(0).title());
        assertEquals("m.jsonl line 2: not valid UTF-8 (byte 0xE9 at column 25)", docs.get(1).error());
        assertEquals("line 2", docs.get(1).where());
        assertNull(docs.get(1).record());
        assertEquals("line 4", docs.get(2).where());
        assertFalse(docs.get(2).isInvalid());
    }

    @Test
    void lineNumbersStayExactOverThousandsOfLinesWithEveryThousandthOneBad() throws IOException {
        List<Object> parts = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            parts.add(i % 1000 == 0 ? "{\"id\":\"r" + i + "\",\"markdown\":\""
                    : "{\"id\":\"r" + i + "\",\"markdown\":\"# é\"}\n");
            if (i % 1000 == 0) {
                parts.addAll(List.of(0xC3, 0x28, "\"}\n"));
            }
        }
        List<Document> docs = jsonl(utf8(parts.toArray()));
        assertEquals(5000, docs.size());
        List<String> bad = docs.stream().filter(Document::isInvalid).map(Document::where).toList();
        assertEquals(List.of("line 1000", "line 2000", "line 3000", "line 4000", "line 5000"), bad);
        assertEquals("r4999", docs.get(4998).id());
    }

    @Test
    void aCsvRowThatDoesNotDecodeFailsAloneAndQuotedLineBreaksStillWork() throws IOException {
        List<Document> docs = csv(utf8("id,title,markdown\nc1,One,\"# One\n\nline two\"\nc2,T", 0xE9,
                ",\"# Two\nmore\"\nc3,Three,# Three\n"), UTF_8);
        assertEquals(3, docs.size());
        assertEquals("# One\n\nline two", docs.get(0).text());
        assertEquals("m.csv row 2: not valid UTF-8 (byte 0xE9 at line 5, column 5)", docs.get(1).error());
        assertEquals("row 3", docs.get(2).where());
        assertEquals("Three", docs.get(2).title());
    }

    @Test
    void aBadByteInTheLastRowFailsThatRowOnly() throws IOException {
        List<Document> docs = csv(utf8("id,markdown\nc1,# One\nc2,# Tw", 0xE9), UTF_8);
        assertFalse(docs.get(0).isInvalid());
        assertTrue(docs.get(1).error().startsWith("m.csv row 2: not valid UTF-8"), docs.get(1).error());
    }

    @Test
    void aCsvWithAUtf8ByteOrderMarkFindsItsIdColumn() throws IOException {
        List<Document> docs = csv(utf8(0xEF, 0xBB, 0xBF, "id,title,markdown\nc1,Café,# Café\n"), WINDOWS_1252);
        assertEquals(1, docs.size());
        assertEquals("c1", docs.get(0).id());
        assertEquals("Café", docs.get(0).title());
    }

    @Test
    void aWindows1252CsvDecodesItsAccentsWhenThatIsTheConfiguredCharset() throws IOException {
        List<Document> docs = csv(Bytes.of(WINDOWS_1252, "id,title,markdown\r\nc1,Résumé,# Résumé – 5 €\r\n"), WINDOWS_1252);
        assertEquals("Résumé", docs.get(0).title());
        assertEquals("# Résumé – 5 €", docs.get(0).text());
    }

    @Test
    void aCsvHeaderThatDoesNotDecodeFailsTheFile() throws IOException {
        List<Document> docs = csv(utf8("id,t", 0xE9, "tle,markdown\nc1,One,# One\n"), UTF_8);
        assertEquals(1, docs.size());
        assertEquals("m.csv header: not valid UTF-8 (byte 0xE9 at line 1, column 5)", docs.get(0).error());
    }

    @Test
    void theRowBeforeAnUnparseableOneIsStillRead() throws IOException {
        List<Document> docs = csv(utf8("id,markdown\nc1,# One\nc2,\"# unterminated\n"), UTF_8);
        assertEquals(2, docs.size());
        assertFalse(docs.get(0).isInvalid());
        assertEquals("m.csv row 2: (startline 3) EOF reached before encapsulated token finished, so the rest of the file "
                + "cannot be read (a quoted field that is not closed takes in every line after it)", docs.get(1).error());
        assertEquals("row 2", docs.get(1).where());
    }

    @Test
    void aTextFileOfWhiteSpaceOnlyIsEmptyAndAFileWithoutAnExtensionSaysSo() throws IOException {
        assertEquals("blank.md: empty file (white space only)", single("blank.md", utf8(" \n\t\r\n")).error());
        assertEquals("README: unsupported file type (no extension) (expected .md, .html, .pdf, .jsonl, .json or .csv)",
                single("README", utf8("# Read me")).error());
    }

    @Test
    void aJsonArrayElementWithABadByteInAStringFailsAloneAndTheRestIsRead() throws IOException {
        List<Document> docs = json(utf8("[", GOOD_A, ",\n{\"id\":\"x\",\"markdown\":\"", 0xE9, "\"},", GOOD_B, "]"));
        assertEquals(3, docs.size());
        assertEquals("m.json element 2: not valid UTF-8 (byte 0xE9 at line 2, column 23)", docs.get(1).error());
        assertEquals("b", docs.get(2).id());
    }

    @Test
    void aJsonArrayWithABadByteBetweenElementsEndsThereNamingFileAndCharset() throws IOException {
        List<Document> docs = json(utf8("[", GOOD_A, ",", 0xE9, GOOD_B, "]"));
        assertEquals(2, docs.size());
        assertEquals("a", docs.get(0).id());
        assertTrue(docs.get(1).error().startsWith("m.json element 2: not valid UTF-8 (byte 0xE9 at line 1, column "),
                docs.get(1).error());
    }

    @Test
    void aMarkdownFileThatDoesNotDecodeFailsWithAReasonNamingTheFile() throws IOException {
        Document d = single("notes.md", utf8("# Notes\n\nna", 0xEF, "ve\n"));
        assertEquals("notes.md: not valid UTF-8 (byte 0xEF at line 3, column 3)", d.error());
    }

    @Test
    void aBinaryFileNamedMdFailsAtItsFirstBadByte() throws IOException {
        byte[] binary = new byte[1 << 20];
        java.util.Arrays.fill(binary, (byte) 0xFF);
        assertEquals("scan.md: not valid UTF-8 (byte 0xFF at line 1, column 1)", single("scan.md", binary).error());
    }

    @Test
    void aMarkdownFileWithAByteOrderMarkKeepsItsTitle() throws IOException {
        Document d = single("notes.md", utf8(0xEF, 0xBB, 0xBF, "# Café notes\n"));
        assertEquals("Café notes", d.title());
        assertEquals("# Café notes\n", d.text());
    }

    @Test
    void aFileThatIsOnlyAByteOrderMarkIsEmpty() throws IOException {
        assertEquals("blank.html: empty file", single("blank.html", utf8(0xEF, 0xBB, 0xBF)).error());
    }

    @Test
    void deadLettersAreReadAsUtf8WhateverTheConfiguredCharset() throws IOException {
        Path file = Files.write(folder.resolve("m.failures.jsonl"), utf8(GOOD_A, "\n"));
        assertEquals("Café A", documents(manifest(WINDOWS_1252), file).get(0).title());
    }

    private List<Document> jsonl(byte[] bytes) throws IOException {
        return all(new JsonLinesRecords(manifest, text(bytes, UTF_8), "m.jsonl", "m"));
    }

    private List<Document> json(byte[] bytes) throws IOException {
        return all(new JsonArrayRecords(manifest, text(bytes, UTF_8), "m.json", "m"));
    }

    private List<Document> csv(byte[] bytes, Charset charset) throws IOException {
        return all(new CsvRecords(manifest, text(bytes, charset), "m.csv", "m"));
    }

    private Document single(String name, byte[] bytes) throws IOException {
        List<Document> docs = documents(manifest, Files.write(folder.resolve(name), bytes));
        assertEquals(1, docs.size());
        return docs.get(0);
    }

    private static List<Document> documents(Manifest manifest, Path file) throws IOException {
        var exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(file.toFile(), File.class);
        List<Document> docs = new ArrayList<>();
        manifest.documents(exchange).forEachRemaining(docs::add);
        return docs;
    }

    private static InboxText text(byte[] bytes, Charset charset) throws IOException {
        return new InboxText(new ByteArrayInputStream(bytes), charset);
    }

    private static List<Document> all(Records records) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (records) {
            for (Iterator<Document> it = records; it.hasNext();) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static Manifest manifest(Charset charset) {
        Manifest manifest = new Manifest();
        manifest.json = new ObjectMapper();
        manifest.charset = charset;
        return manifest;
    }
}
