package io.pdfsluice.emulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small but real documents and images, made fresh each time: cheap enough that nothing is cached. */
final class Pages {

    private static final float MARGIN = 72;
    private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private Pages() {
    }

    /** One A4 page showing the title on a single line (shrunk to fit), with the title in the metadata too. */
    static byte[] pdf(String title) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setProducer("pdf-sluice API emulator");
            String shown = winAnsi(title);
            float width = Math.max(1, FONT.getStringWidth(shown) / 1000);
            float size = Math.max(1, Math.min(18, (page.getMediaBox().getWidth() - 2 * MARGIN) / width));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(FONT, size);
                content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                content.showText(shown);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 40x50 image whose shade differs per page, so pages can be told apart. */
    static byte[] image(int page, String format) {
        BufferedImage image = new BufferedImage(40, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int shade = 230 - (page * 37) % 200;
        g.setColor(new Color(shade, shade, shade));
        g.fillRect(0, 0, 40, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The standard fonts only know WinAnsi; anything else shows as '?' (the metadata keeps the real title). */
    private static String winAnsi(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> shown.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? (char) c : '?'));
        return shown.length() == 0 ? " " : shown.toString();
    }
}
