package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What tests check of the outbox: PDFs that open, page images that decode, reports that add up. */
public final class Outputs {

    static final ObjectMapper JSON = new ObjectMapper();

    private Outputs() {
    }

    public static void awaitFile(Path file) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(file));
    }

    /** Opens the PDF, checks its page count and that its text and title metadata hold the title. */
    public static String assertPdf(Path file, int pages, String title) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            assertEquals(pages, doc.getNumberOfPages(), "pages of " + file);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains(title), file + " should contain '" + title + "' but has: " + text);
            assertEquals(title, doc.getDocumentInformation().getTitle(), "title metadata of " + file);
            return text;
        }
    }

    public static BufferedImage assertImage(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " should decode as an image");
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        return image;
    }

    /** Waits for the report of an inbox file and returns it. */
    public static JsonNode report(Path outbox, String stem) throws IOException {
        Path report = outbox.resolve(stem + ".report.json");
        awaitFile(report);
        return JSON.readTree(report.toFile());
    }
}
