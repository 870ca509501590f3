package io.pdfsluice.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;

/** ZIP and single-image answers become page sets; hostile archives fail and write nothing outside their folder. */
class PageSetTest {

    @TempDir
    Path root;
    Path outboxFolder;
    PageSet pages;

    @BeforeEach
    void pageSet() {
        outboxFolder = root.resolve("outbox");
        pages = new PageSet();
        pages.outbox = new Outbox(outboxFolder.toString());
        pages.json = new ObjectMapper();
        pages.archive = new PageArchive();
        pages.archive.maxEntries = 10;
        pages.archive.maxBytes = 1_000_000;
        pages.archive.maxRatio = 200;
    }

    @Test
    void entriesArePutInPageOrderWhateverTheyAreCalled() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // by number, not by name (x_10 sorts before x_2)
        entries.put("scan/x_10.jpg", bytes(10));
        entries.put("scan/x_2.jpg", bytes(2));
        entries.put("x_1.JPEG", bytes(1));
        for (int i = 3; i <= 9; i++) {
            entries.put("x_" + i + ".jpg", bytes(i));
        }
        pages.unzip(answer(zip(entries), "application/zip"));
        Path set = outboxFolder.resolve("report");
        assertArrayEquals(bytes(1), Files.readAllBytes(set.resolve("page-001.jpg")));
        assertArrayEquals(bytes(2), Files.readAllBytes(set.resolve("page-002.jpg")));
        assertArrayEquals(bytes(10), Files.readAllBytes(set.resolve("page-010.jpg")));
        var manifest = new ObjectMapper().readTree(set.resolve("pages.json").toFile());
        assertEquals(10, manifest.get("pages").asInt());
        assertEquals("page-010.jpg", manifest.get("files").get(9).get("name").asText());
        assertEquals(bytes(10).length, manifest.get("files").get(9).get("bytes").asInt());
        assertTrue(hiddenLeftovers().isEmpty());
    }

    @Test
    void aSingleImageBecomesPageOne() throws Exception {
        pages.single(answer(png(7), "image/png"));
        assertArrayEquals(png(7), Files.readAllBytes(outboxFolder.resolve("report/page-001.png")));
    }

    @Test
    void anEntryThatClimbsOutFailsAndWritesNothingOutside() throws Exception {
        assertFails(Map.of("../../evil.jpg", bytes(1)), "unsafe entry name");
        assertFails(Map.of("/etc/evil.jpg", bytes(1)), "unsafe entry name");
        assertFalse(Files.exists(root.resolve("evil.jpg")) || Files.exists(outboxFolder.resolve("evil.jpg")));
    }

    @Test
    void tooManyEntriesTooManyBytesOrABombFail() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 1; i <= 11; i++) {
            many.put("p" + i + ".jpg", bytes(i));
        }
        assertFails(many, "more than 10 entries");
        pages.archive.maxBytes = 100;
        assertFails(Map.of("big.jpg", bytes(500)), "larger than");
        pages.archive.maxBytes = 100_000_000;
        assertFails(Map.of("bomb.jpg", bytes(20_000_000)), "compression ratio");
    }

    @Test
    void aSymlinkEntryFails() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry link = new ZipArchiveEntry("page-1.jpg");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes());
            zip.closeArchiveEntry();
        }
        PageSetException e = assertThrows(PageSetException.class,
                () -> pages.unzip(answer(out.toByteArray(), "application/zip")));
        assertTrue(e.getMessage().contains("symlink entry"), e.getMessage());
        assertFalse(Files.exists(outboxFolder.resolve("report")));
    }

    @Test
    void twoEntriesForOnePageOrAnEntryOfAnotherFormatFail() throws Exception {
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("a/page-1.jpg", bytes(1));
        twice.put("b/page-01.jpg", bytes(2));
        assertFails(twice, "both claim page 1");
        Map<String, byte[]> unnumbered = new LinkedHashMap<>();
        unnumbered.put("front.jpg", bytes(1));
        unnumbered.put("back.jpg", bytes(2));
        assertFails(unnumbered, "carry no page number");
        // a page the API lost, in the middle or at the start, is not hidden by renumbering the rest
        assertFails(Map.of("page-001.jpg", bytes(1), "page-003.jpg", bytes(3)), "holds no page 2, between page 1 and page 3");
        assertFails(Map.of("page-002.jpg", bytes(2), "page-003.jpg", bytes(3)), "holds no page 1, its first is page 2");
        assertFails(Map.of("page-1.jpg", png(4)), "is named .jpg but its bytes are a PNG image");
        assertThrows(PageSetException.class, () -> pages.single(answer(bytes(5), "image/png")));
        pages.unzip(answer(zip(Map.of("page-000.jpg", bytes(0), "page-001.jpg", bytes(1))), "application/zip"));
        assertArrayEquals(bytes(1), Files.readAllBytes(outboxFolder.resolve("report/page-002.jpg")), "from page 0 on");
    }

    @Test
    void somethingThatIsNotAnArchiveOfImagesFails() throws Exception {
        assertFails(Map.of("notes.txt", bytes(3)), "not a page image");
        assertThrows(PageSetException.class, () -> pages.unzip(answer(bytes(100), "application/zip")));
    }

    private void assertFails(Map<String, byte[]> entries, String reason) throws IOException {
        PageSetException e = assertThrows(PageSetException.class,
                () -> pages.unzip(answer(zip(entries), "application/zip")));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(Files.exists(outboxFolder.resolve("report")), "no partial page set");
        assertTrue(hiddenLeftovers().isEmpty(), "the temporary folder is removed");
    }

    private Exchange answer(byte[] body, String contentType) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("document", Document.pdfFile("report.pdf", "report",
                root.resolve("report.pdf")));
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        return exchange;
    }

    private java.util.List<Path> hiddenLeftovers() throws IOException {
        if (!Files.isDirectory(outboxFolder)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(outboxFolder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** n bytes that begin as a JPEG does (the format a .jpg entry's bytes must show). */
    private static byte[] bytes(int n) {
        byte[] b = new byte[n + 3];
        java.util.Arrays.fill(b, (byte) n);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        return b;
    }

    private static byte[] png(int n) {
        byte[] b = new byte[n + 8];
        java.util.Arrays.fill(b, (byte) n);
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, 0, b, 0, 8);
        return b;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
