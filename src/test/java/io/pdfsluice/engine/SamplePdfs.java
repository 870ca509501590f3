package io.pdfsluice.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;

/** Small PDFs made with PDFBox, and ways to read PDFs back. */
final class SamplePdfs {

    private SamplePdfs() {
    }

    /** A Letter-sized PDF (612 pt wide) whose pages say "Page n". */
    static byte[] letterPages(int pages) throws IOException {
        try (PDDocument document = new PDDocument();
                InputStream fontFile = SamplePdfs.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            PDType0Font font = PDType0Font.load(document, fontFile);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.addRect(72, 500, 200, 100);
                    content.fill();
                    content.beginText();
                    content.setFont(font, 24);
                    content.newLineAtOffset(72, 700);
                    content.showText("Page " + i);
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /**
     * A PDF whose page n is (100 + n) pt wide and 100 pt high, so each rendered image tells which page it came
     * from; the page at {@code hugePage} (1-based, 0 for none) is 14,400 pt square, too large to render at 150 DPI.
     */
    static byte[] pagesOfGrowingWidth(int pages, int hugePage) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(i == hugePage ? new PDRectangle(14_400, 14_400) : new PDRectangle(100 + i, 100));
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.addRect(10, 10, 50, 50);
                    content.fill();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** One 300 x 100 pt page: a red, a green and a blue square, left to right. */
    static byte[] colourBars() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(300, 100));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                java.awt.Color[] colours = { java.awt.Color.RED, java.awt.Color.GREEN, java.awt.Color.BLUE };
                for (int i = 0; i < colours.length; i++) {
                    content.setNonStrokingColor(colours[i]);
                    content.addRect(100 * i, 0, 100, 100);
                    content.fill();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A one-page Letter PDF turned a quarter: its image is landscape. */
    static byte[] rotatedLetterPage() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            page.setRotation(90);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.addRect(72, 500, 200, 100);
                content.fill();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
