package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class PageImagesTest {

    // A Letter page is 612 pt = 8.5 in wide.
    private static final int LETTER_WIDTH_AT_150_DPI = 1275;
    private static final int LETTER_HEIGHT_AT_150_DPI = 1650;

    @TempDir
    Path folder;

    private final PageImages pageImages = new PageImages(TestSettings.defaults());

    @Test
    void threePagePdfBecomesZipOfThreeJpegsAtTheConfiguredDpi() throws IOException {
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
    void pngPagesCarryTheirResolution() throws IOException {
        PageImages at72 = new PageImages(TestSettings.defaults().withDpi(72));
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
    void onePagePdfBecomesOneBareImage() throws IOException {
        Path pdf = SamplePdfs.write(folder, "one.pdf", SamplePdfs.letterPages(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pageImages.writeSingle(pdf, "jpeg", out);

        assertEquals(LETTER_WIDTH_AT_150_DPI, ImageIO.read(new ByteArrayInputStream(out.toByteArray())).getWidth());
        assertEquals(1, pageImages.pageCount(pdf));
    }

    @Test
    void imageOrZipPicksByPageCount() throws IOException {
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
    void somethingThatIsNotAPdfIsRejectedWithAClearMessage() throws IOException {
        Path text = SamplePdfs.write(folder, "notes.pdf", "just some notes".getBytes(StandardCharsets.UTF_8));

        UnreadablePdfException error = assertThrows(UnreadablePdfException.class,
                () -> pageImages.writeZip(text, "jpg", new ByteArrayOutputStream()));
        assertTrue(error.getMessage().startsWith("not a PDF: "), error.getMessage());
    }

    @Test
    void unknownFormatsAreRefused() throws IOException {
        Path pdf = SamplePdfs.write(folder, "one.pdf", SamplePdfs.letterPages(1));

        assertThrows(IllegalArgumentException.class,
                () -> pageImages.writeZip(pdf, "gif", new ByteArrayOutputStream()));
    }

    @Test
    void entryNamesArePaddedToThreeDigitsAndWiderPast999() {
        assertEquals("page-007.jpg", PageImages.entryName(7, 12, "jpg"));
        assertEquals("page-999.png", PageImages.entryName(999, 999, "png"));
        assertEquals("page-0042.jpg", PageImages.entryName(42, 1200, "jpg"));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static int jfifDensity(byte[] jpeg) throws IOException {
        Element jfif = (Element) metadataTree(jpeg, "javax_imageio_jpeg_image_1.0")
                .getElementsByTagName("app0JFIF").item(0);
        assertEquals("1", jfif.getAttribute("resUnits"));
        return Integer.parseInt(jfif.getAttribute("Xdensity"));
    }

    private static double millimetresPerPixel(byte[] image) throws IOException {
        Element size = (Element) metadataTree(image, IIOMetadataFormatImpl.standardMetadataFormatName)
                .getElementsByTagName("HorizontalPixelSize").item(0);
        return Double.parseDouble(size.getAttribute("value"));
    }

    private static Element metadataTree(byte[] image, String format) throws IOException {
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
