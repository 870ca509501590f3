package io.pdfsluice.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;

/** A 500-page, 200 MB ZIP unpacks in a JVM with a 128 MB heap: entries stream to files, nothing is held whole. */
public class PageSetMemoryTest {

    static final int PAGES = 500;
    static final int PAGE_BYTES = 400 * 1024;

    @TempDir
    Path root;

    @Test
    void aTwoHundredMegabyteZipUnpacksWithA128MegabyteHeap() throws Exception {
        Path zip = root.resolve("answer.zip");
        writeZip(zip, PAGES, PAGE_BYTES); // in reverse page order, so the set must be reordered
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Unpack.class.getName(), zip.toString(),
                root.resolve("outbox").toString()).inheritIO().start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the unpacking JVM did not finish");
        assertEquals(0, child.exitValue(), "the unpacking JVM failed (OutOfMemoryError?)");
        Path set = root.resolve("outbox/big");
        assertEquals(PAGE_BYTES, Files.size(set.resolve("page-001.jpg")));
        assertEquals(PAGE_BYTES, Files.size(set.resolve("page-500.jpg")));
        try (var files = Files.list(set)) {
            assertEquals(PAGES + 1, files.count(), "500 pages and pages.json");
        }
    }

    /**
     * Writes a ZIP of {@code pages} incompressible "page images" of {@code pageBytes}, in reverse page order; each
     * begins as a JPEG does, since an entry's bytes must show the format its name says.
     */
    public static void writeZip(Path zip, int pages, int pageBytes) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(0); // like JPEGs: they do not compress
            byte[] page = new byte[pageBytes];
            Random random = new Random(1);
            for (int i = pages; i >= 1; i--) {
                random.nextBytes(page);
                page[0] = (byte) 0xFF;
                page[1] = (byte) 0xD8;
                page[2] = (byte) 0xFF;
                out.putNextEntry(new ZipEntry("p" + i + ".jpg"));
                out.write(page);
                out.closeEntry();
            }
        }
    }

    /** The child JVM: unpacks one ZIP answer through PageSet, streaming it from disk as the route does. */
    public static final class Unpack {
        public static void main(String[] args) throws Exception {
            unpack(Path.of(args[0]), Path.of(args[1]));
        }

        public static void unpack(Path zip, Path outbox) throws Exception {
            PageSet pages = new PageSet();
            pages.outbox = new Outbox(outbox.toString());
            pages.json = new ObjectMapper();
            pages.archive = new PageArchive();
            pages.archive.maxEntries = 10_000;
            pages.archive.maxBytes = 4L << 30;
            pages.archive.maxRatio = 200;
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            exchange.setProperty("document", Document.pdfFile("big.pdf", "big", Path.of("big.pdf")));
            try (InputStream in = Files.newInputStream(zip)) {
                exchange.getMessage().setBody(in);
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/zip");
                pages.unzip(exchange);
            }
        }
    }
}
