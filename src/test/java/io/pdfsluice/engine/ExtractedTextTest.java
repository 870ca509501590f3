package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text extracted from the engine's PDFs is the text that was written: ligature words included ("Certificate",
 * "Office", "fluid"), by PDFBox and by poppler's pdftotext, which a search or an accounting system would use.
 */
class ExtractedTextTest {

    static final List<String> WORDS = List.of("Certificate", "Office", "official", "fluid", "affix", "shuffle",
            "waffle", "fjord", "Rätsel", "Καλημέρα");

    private final TestSettings settings = TestSettings.defaults();

    @Test
    void pdfBoxExtractsTheWordsAsWritten() throws IOException {
        String text = SamplePdfs.text(certificate());
        for (String word : WORDS) {
            assertTrue(text.contains(word), "PDFBox's text has \"" + word + "\": " + text);
        }
        assertFalse(text.chars().anyMatch(c -> c >= 0xFB00 && c <= 0xFB06), "no ligature characters: " + text);
    }

    @Test
    void pdftotextExtractsTheWordsAsWritten(@TempDir Path dir) throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/pdftotext"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "poppler-utils is not installed");
        }
        assertTrue(installed, "pdftotext (poppler-utils) is installed, as .ci/run does");
        Path pdf = Files.write(dir.resolve("certificate.pdf"), certificate());
        Process run = new ProcessBuilder("/usr/bin/pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectErrorStream(true).start();
        String text;
        try (InputStream out = run.getInputStream()) {
            text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), text);
        for (String word : WORDS) {
            assertTrue(text.contains(word), "pdftotext's text has \"" + word + "\": " + text);
        }
    }

    @Test
    void theBundledFontsLoseOnlyTheirGlyphSubstitutionTable() throws IOException {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            original = in.readAllBytes();
        }
        TrueTypeFont before = new TTFParser().parse(new RandomAccessReadBuffer(original));
        TrueTypeFont after = new TTFParser().parse(new RandomAccessReadBuffer(
                BundledFonts.withoutGlyphSubstitution(original, "DejaVuSans.ttf")));
        assertTrue(before.getTableMap().containsKey("GSUB"), "the file as shipped has ligatures");
        assertFalse(after.getTableMap().containsKey("GSUB"));
        assertEquals(GsubData.NO_DATA_FOUND, after.getGsubData());
        assertEquals(before.getTableMap().size() - 1, after.getTableMap().size());
        assertEquals(before.getNumberOfGlyphs(), after.getNumberOfGlyphs());
        for (char c : "fiAΩЖ".toCharArray()) {
            int glyph = before.getUnicodeCmapLookup().getGlyphId(c);
            assertEquals(glyph, after.getUnicodeCmapLookup().getGlyphId(c));
            assertEquals(before.getAdvanceWidth(glyph), after.getAdvanceWidth(glyph));
        }
    }

    private byte[] certificate() throws IOException {
        String body = "# Certificate 7\n\n" + String.join(" ", WORDS) + "\n\n**" + String.join(" ", WORDS)
                + "**\n\n*" + String.join(" ", WORDS) + "*\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfTypesetter(settings).write(new HtmlPage(settings)
                .toDocument(new MarkdownPage(settings).toXhtml(body, "Certificate 7"), "Certificate 7"), out);
        return out.toByteArray();
    }
}
