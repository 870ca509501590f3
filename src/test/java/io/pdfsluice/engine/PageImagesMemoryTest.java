package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long PDF renders to page images in a JVM with a small heap: two render threads, each with its own copy of the
 * document and one reused raster, and a bounded window of encoded pages.
 */
class PageImagesMemoryTest {

    static final int PAGES = 200;

    @TempDir
    Path root;

    @Test
    void twoHundredPagesRenderWithA96MegabyteHeap() throws Exception {
        Path pdf = root.resolve("long.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= PAGES; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(font, 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("Page " + i);
                    text.endText();
                }
            }
            doc.save(pdf.toFile());
        }
        Path zip = root.resolve("pages.zip");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Render.class.getName(), pdf.toString(), zip.toString()).inheritIO().start();
        assertTrue(child.waitFor(240, TimeUnit.SECONDS), "the rendering JVM did not finish");
        assertEquals(0, child.exitValue(), "the rendering JVM failed (OutOfMemoryError?)");
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                entries++;
            }
        }
        assertEquals(PAGES, entries);
    }

    /**
     * The child JVM: the engine's PageImages with its defaults but two render threads (the automatic choice would be
     * one with this heap), writing the ZIP answer to a file.
     */
    public static final class Render {
        public static void main(String[] args) throws Exception {
            try (PageWorkers workers = new PageWorkers(2, 1);
                    OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
                new PageImages(TestSettings.defaults(), workers).writeZip(Path.of(args[0]), "jpg", out);
            }
        }
    }
}
