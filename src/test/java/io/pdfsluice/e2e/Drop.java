package io.pdfsluice.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Puts inputs into an inbox the way a careful producer does: write under a hidden name, then rename. */
public final class Drop {

    private Drop() {
    }

    public static Path text(Path inbox, String name, String content) throws IOException {
        return bytes(inbox, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path bytes(Path inbox, String name, byte[] content) throws IOException {
        Path temp = inbox.resolve("." + name + ".writing");
        Files.write(temp, content);
        return Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A real PDF of {@code pages} pages, each saying "Page n". */
    public static byte[] pdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 24);
                    text.newLineAtOffset(72, 700);
                    text.showText("Page " + i);
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
