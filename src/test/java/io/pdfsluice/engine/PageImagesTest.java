package io.pdfsluice.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class PageImagesTest {

    // A Letter page is 612 pt = 8.5 in wide.
    private static final int LETTER_WIDTH_AT_150_DPI = 1275;
    private static final int LETTER_HEIGHT_AT_150_DPI = 1650;

    @TempDir
    Path folder;

    /** The settings every test's PageImages starts from: PDFBox draws the pages (PopplerPageImagesTest: pdftoppm). */
    TestSettings settings() {
        return TestSettings.defaults();
    }

    final PageWorkers workers = new PageWorkers(3, 2);
    final PageImages pageImages = new PageImages(settings(), workers);

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void threePagePdfBecomesZipOfThreeJpegsAtTheConfiguredDpi() throws Exception {
        Path pdf = SamplePdfs.write(folder, "three.pdf", SamplePdfs.letterPages(3));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        assertEquals(3, pageImages.writeZip(pdf, "jpg", zip));

        Map<String, byte[]> entries = unzip(zip.toByteArray());
        assertEquals(List.of("page-001.jpg", "page-002.jpg", "page-003.jpg"), new ArrayList<>(entries.keySet()));
        for (byte[] jpeg : entries.values()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertEquals(LETTER_WIDTH_AT_150_DPI, image.getWidth());
            assertEquals(LETTER_HEIGHT_AT_150_DPI, image.getHeight(), 1);
            assertEquals(150, jfifDensity(jpeg));
        }
    }

    @Test
    void pngPagesCarryTheirResolution() throws Exception {
        PageImages at72 = new PageImages(settings().withDpi(72), workers);
        Path pdf = SamplePdfs.write(folder, "two.pdf", SamplePdfs.letterPages(2));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        at72.writeZip(pdf, "PNG", zip);

        Map<String, byte[]> entries = unzip(zip.toByteArray());
        assertEquals(List.of("page-001.png", "page-002.png"), new ArrayList<>(entries.keySet()));
        for (byte[] png : entries.values()) {
            assertEquals(612, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
            assertEquals(25.4 / 72, millimetresPerPixel(png), 0.001);
        }
    }

    @Test
    void onePagePdfBecomesOneBareImage() throws Exception {
        Path pdf = SamplePdfs.write(folder, "one.pdf", SamplePdfs.letterPages(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pageImages.writeSingle(pdf, "jpeg", out);

        assertEquals(LETTER_WIDTH_AT_150_DPI, ImageIO.read(new ByteArrayInputStream(out.toByteArray())).getWidth());
        assertEquals(1, pageImages.pageCount(pdf));
    }

    @Test
    void imageOrZipPicksByPageCount() throws Exception {
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        ByteArrayOutputStream several = new ByteArrayOutputStream();

        assertEquals(1, pageImages.writeImageOrZip(
                SamplePdfs.write(folder, "a.pdf", SamplePdfs.letterPages(1)), "png", single));
        assertEquals(2, pageImages.writeImageOrZip(
                SamplePdfs.write(folder, "b.pdf", SamplePdfs.letterPages(2)), "png", several));

        assertNotNull(ImageIO.read(new ByteArrayInputStream(single.toByteArray())));
        assertEquals(2, unzip(several.toByteArray()).size());
    }

    @Test
    void somethingThatIsNotAPdfIsRejectedWithAClearMessage() throws Exception {
        Path text = SamplePdfs.write(folder, "notes.pdf", "just some notes".getBytes(StandardCharsets.UTF_8));

        UnreadablePdfException error = assertThrows(UnreadablePdfException.class,
                () -> pageImages.writeZip(text, "jpg", new ByteArrayOutputStream()));
        assertTrue(error.getMessage().startsWith("not a PDF: "), error.getMessage());
    }

    @Test
    void unknownFormatsAreRefused() throws Exception {
        Path pdf = SamplePdfs.write(folder, "one.pdf", SamplePdfs.letterPages(1));

        assertThrows(IllegalArgumentException.class,
                () -> pageImages.writeZip(pdf, "gif", new ByteArrayOutputStream()));
    }

    @Test
    void pagesRenderedInParallelComeOutCompleteAndInPageOrder() throws Exception {
        // 3 workers and 40 pages that differ in width: each entry's image must be its own page's.
        Path pdf = SamplePdfs.write(folder, "forty.pdf", SamplePdfs.pagesOfGrowingWidth(40, 0));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        assertEquals(40, pageImages.writeZip(pdf, "jpg", zip));

        List<String> names = new ArrayList<>();
        int page = 0;
        for (Map.Entry<String, byte[]> entry : unzip(zip.toByteArray()).entrySet()) {
            page++;
            names.add(entry.getKey());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(entry.getValue()));
            // PDFBox's own sizing: the scale is a float, and a float (100 + n) * 150/72 can fall just short; pdftoppm
            // rounds up. Pages differ by 2 pixels, so the width still tells which page an entry holds.
            assertEquals((int) Math.floor((100 + page) * (150 / 72f)), image.getWidth(), 1, entry.getKey());
        }
        assertEquals(40, names.size());
        assertEquals("page-001.jpg", names.get(0));
        assertEquals("page-040.jpg", names.get(39));
    }

    @Test
    void zipEntriesAreStoredNotDeflatedAgain() throws Exception {
        Path pdf = SamplePdfs.write(folder, "two.pdf", SamplePdfs.letterPages(2));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        pageImages.writeZip(pdf, "jpg", zip);

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
                assertEquals(entry.getSize(), in.readAllBytes().length); // the stored size and CRC are checked too
            }
        }
    }

    @Test
    void aPageThatCannotBeRenderedFailsTheWholeDocumentAndLeavesNoWorkerBusy() throws Exception {
        Path pdf = SamplePdfs.write(folder, "bad.pdf", SamplePdfs.pagesOfGrowingWidth(30, 7));
        List<Integer> written = new ArrayList<>();

        // refused as a limit (a 422 from the engine's API), not an I/O failure (a 500, retried as an outage)
        RenderLimitException error = assertThrows(RenderLimitException.class, () -> pageImages.writePages(pdf, "jpg",
                (number, count, page) -> written.add(number)));

        assertTrue(error.getMessage().contains("page 7 is too large"), error.getMessage());
        assertTrue(written.size() < 7, "pages after the failed one were handed out: " + written);
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.activeThreads() == 0);
        // The workers are free again: the next document converts.
        assertEquals(2, pageImages.writeZip(SamplePdfs.write(folder, "ok.pdf", SamplePdfs.letterPages(2)), "jpg",
                new ByteArrayOutputStream()));
    }

    @Test
    void aFailingWriterStopsTheWorkersAndItsErrorIsTheOneThrown() throws Exception {
        Path pdf = SamplePdfs.write(folder, "sixty.pdf", SamplePdfs.pagesOfGrowingWidth(60, 0));
        IOException diskFull = new IOException("disk full");

        IOException error = assertThrows(IOException.class, () -> pageImages.writePages(pdf, "png",
                (number, count, page) -> {
                    if (number == 3) {
                        throw diskFull;
                    }
                }));

        assertSame(diskFull, error);
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.activeThreads() == 0);
    }

    @Test
    void aRotatedPageBecomesALandscapeImage() throws Exception {
        Path pdf = SamplePdfs.write(folder, "turned.pdf", SamplePdfs.rotatedLetterPage());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pageImages.writeSingle(pdf, "jpg", out);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(LETTER_HEIGHT_AT_150_DPI, image.getWidth(), 1);
        assertEquals(LETTER_WIDTH_AT_150_DPI, image.getHeight());
    }

    @Test
    void coloursSurviveInJpegAndPng() throws Exception {
        Path pdf = SamplePdfs.write(folder, "bars.pdf", SamplePdfs.colourBars());
        for (String format : List.of("jpg", "png")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            pageImages.writeSingle(pdf, format, out);

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            int third = image.getWidth() / 3;
            int y = image.getHeight() / 2;
            assertColour(0xff0000, image.getRGB(third / 2, y), format + " red");
            assertColour(0x00ff00, image.getRGB(third + third / 2, y), format + " green");
            assertColour(0x0000ff, image.getRGB(2 * third + third / 2, y), format + " blue");
        }
    }

    /** Within JPEG's error of the expected colour, channel by channel. */
    private static void assertColour(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xff;
            int a = (actual >> shift) & 0xff;
            assertTrue(Math.abs(e - a) < 40, what + ": expected #" + Integer.toHexString(expected) + ", got #"
                    + Integer.toHexString(actual & 0xffffff));
        }
    }

    @Test
    void jpegQualityComesFromTheSettings() throws Exception {
        Path pdf = SamplePdfs.write(folder, "one.pdf", SamplePdfs.letterPages(1));
        ByteArrayOutputStream low = new ByteArrayOutputStream();
        ByteArrayOutputStream high = new ByteArrayOutputStream();

        new PageImages(settings().withJpegQuality(0.2f), workers).writeSingle(pdf, "jpg", low);
        new PageImages(settings().withJpegQuality(0.95f), workers).writeSingle(pdf, "jpg", high);

        assertTrue(low.size() < high.size(), low.size() + " bytes at 0.2, " + high.size() + " at 0.95");
    }

    @Test
    void resolutionAndQualityOutsideTheirRangesAreConfigurationErrors() {
        IllegalArgumentException dpi = assertThrows(IllegalArgumentException.class,
                () -> new PageImages(settings().withDpi(0), workers));
        assertEquals("sluice.engine.dpi must be between 1 and 1200, not 0", dpi.getMessage());
        IllegalArgumentException quality = assertThrows(IllegalArgumentException.class,
                () -> new PageImages(settings().withJpegQuality(1.5f), workers));
        assertEquals("sluice.engine.jpeg-quality must be between 0 and 1, not 1.5", quality.getMessage());
    }

    @Test
    void entryNamesArePaddedToThreeDigitsAndWiderPast999() {
        assertEquals("page-007.jpg", PageArchive.entryName(7, 12, "jpg"));
        assertEquals("page-999.png", PageArchive.entryName(999, 999, "png"));
        assertEquals("page-0042.jpg", PageArchive.entryName(42, 1200, "jpg"));
    }

    /** The ZIP's headers, which ZipOutputStream writes a byte at a time, reach the stream in a few large writes. */
    @Test
    void theArchiveReachesItsStreamInAFewWritesNotAByteAtATime() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] writes = new int[1];
        OutputStream counted = new FilterOutputStream(bytes) {
            @Override
            public void write(int b) throws IOException {
                writes[0]++;
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                bytes.write(b, off, len);
            }
        };
        PageArchive archive = new PageArchive(counted, "jpg");
        for (int n = 1; n <= 10; n++) {
            EncodedPage page = new EncodedPage();
            page.write(("page " + n).getBytes(StandardCharsets.US_ASCII));
            archive.add(n, 10, page);
        }
        archive.finish();
        assertTrue(writes[0] <= 2, "10 pages and their headers in " + writes[0] + " writes");
        Map<String, byte[]> entries = unzip(bytes.toByteArray());
        assertEquals(10, entries.size(), "every page is in the ZIP once finish() returns: " + entries.keySet());
        assertEquals("page 10", new String(entries.get("page-010.jpg"), StandardCharsets.US_ASCII));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static int jfifDensity(byte[] jpeg) throws Exception {
        Element jfif = (Element) metadataTree(jpeg, "javax_imageio_jpeg_image_1.0")
                .getElementsByTagName("app0JFIF").item(0);
        assertEquals("1", jfif.getAttribute("resUnits"));
        return Integer.parseInt(jfif.getAttribute("Xdensity"));
    }

    private static double millimetresPerPixel(byte[] image) throws Exception {
        Element size = (Element) metadataTree(image, IIOMetadataFormatImpl.standardMetadataFormatName)
                .getElementsByTagName("HorizontalPixelSize").item(0);
        return Double.parseDouble(size.getAttribute("value"));
    }

    private static Element metadataTree(byte[] image, String format) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                return (Element) metadata.getAsTree(format);
            } finally {
                reader.dispose();
            }
        }
    }
}
