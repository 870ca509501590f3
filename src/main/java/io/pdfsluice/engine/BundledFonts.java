package io.pdfsluice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The DejaVu faces shipped on the classpath, parsed once and shared by every document.
 *
 * Parsing a TrueType file is the most expensive step of rendering a small document, so each face is parsed once
 * into a FontBox {@link TrueTypeFont}; every document then wraps it in its own subsetted {@link PDType0Font}.
 * Sharing is safe: TTFParser reads every table eagerly, the remaining lazy state is warmed here before the fonts
 * are published, and FontBox guards its glyph and raw-table reads itself (PDFBox shares system fonts the same way).
 */
final class BundledFonts {

    private record Face(String file, int weight, FontStyle style, List<String> families) {
    }

    // OpenHTMLtoPDF looks the generic CSS families up as "SansSerif", "Monospaced" and "Serif"; registering the
    // faces under those names too keeps documents that only say sans-serif or monospace in DejaVu, with Greek and
    // Cyrillic glyphs, instead of the non-embedded standard-14 fonts.
    private static final List<String> SANS = List.of("DejaVu Sans", "SansSerif");
    private static final List<String> MONO = List.of("DejaVu Sans Mono", "Monospaced");
    private static final List<String> SERIF = List.of("DejaVu Serif", "Serif");

    private static final List<Face> FACES = List.of(
            new Face("DejaVuSans.ttf", 400, FontStyle.NORMAL, SANS),
            new Face("DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL, SANS),
            new Face("DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC, SANS),
            new Face("DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC, SANS),
            new Face("DejaVuSansMono.ttf", 400, FontStyle.NORMAL, MONO),
            new Face("DejaVuSansMono-Bold.ttf", 700, FontStyle.NORMAL, MONO),
            new Face("DejaVuSerif.ttf", 400, FontStyle.NORMAL, SERIF),
            new Face("DejaVuSerif-Bold.ttf", 700, FontStyle.NORMAL, SERIF));

    private volatile TrueTypeFont[] parsed;

    /** Parses the faces unless already done; safe to call from any thread, any number of times. */
    void load() {
        if (parsed == null) {
            synchronized (this) {
                if (parsed == null) {
                    parsed = parseAll();
                }
            }
        }
    }

    /**
     * Offers every face to one document under its family name and its generic CSS family. A face is only embedded,
     * as a subset, if the layout actually uses it; the generic alias shares the same PDFont.
     */
    void registerWith(PdfRendererBuilder builder, PDDocument document) {
        load();
        PDFont[] embedded = new PDFont[FACES.size()];
        for (int i = 0; i < FACES.size(); i++) {
            Face face = FACES.get(i);
            PDFontSupplier supplier = new EmbedOnFirstUse(document, parsed, embedded, i);
            for (String family : face.families()) {
                builder.useFont(supplier, family, face.weight(), face.style(), true);
            }
        }
    }

    private static TrueTypeFont[] parseAll() {
        TrueTypeFont[] fonts = new TrueTypeFont[FACES.size()];
        for (int i = 0; i < fonts.length; i++) {
            String resource = "/fonts/" + FACES.get(i).file();
            try (InputStream in = BundledFonts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font missing from the classpath: " + resource);
                }
                byte[] file = withoutGlyphSubstitution(in.readAllBytes(), resource);
                TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(file));
                font.getGsubData();
                font.getUnicodeCmapLookup();
                font.getName();
                font.getNumberOfGlyphs();
                font.getUnitsPerEm();
                fonts[i] = font;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read font " + resource, e);
            }
        }
        return fonts;
    }

    /**
     * The font file without its GSUB table. PDFBox applies a font's Latin ligatures ("fi", "fl", "ffi") when it
     * writes text, and then gives each ligature glyph in the ToUnicode map the character the font's cmap has for it,
     * U+FB01 and the like: {@code pdftotext} of "Certificate" read "Certiﬁcate", which no search finds. Ligatures
     * are the only substitution PDFBox makes for the scripts DejaVu covers (it shapes no Arabic), so without the
     * table each letter is its own glyph and text extracts as it was written. The table's record leaves the
     * directory; its bytes stay where they are, unreferenced.
     */
    static byte[] withoutGlyphSubstitution(byte[] ttf, String name) {
        ByteBuffer font = ByteBuffer.wrap(ttf);
        int tables = font.getShort(4) & 0xffff;
        if (ttf.length < 12 + 16 * tables) {
            throw new IllegalStateException("not a TrueType file: " + name);
        }
        byte[] out = ttf.clone();
        int kept = 0;
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i;
            if (font.getInt(record) != GSUB) {
                System.arraycopy(ttf, record, out, 12 + 16 * kept++, 16);
            }
        }
        if (kept == tables) {
            return ttf;
        }
        Arrays.fill(out, 12 + 16 * kept, 12 + 16 * tables, (byte) 0);
        int power = Integer.highestOneBit(kept); // the directory's binary-search fields, as the format defines them
        ByteBuffer.wrap(out).putShort(4, (short) kept).putShort(6, (short) (power * 16))
                .putShort(8, (short) Integer.numberOfTrailingZeros(power)).putShort(10, (short) ((kept - power) * 16));
        return out;
    }

    private static final int GSUB = ('G' << 24) | ('S' << 16) | ('U' << 8) | 'B';

    /** Creates the document's PDFont for one face the first time the layout asks for it. Used by one thread. */
    private static final class EmbedOnFirstUse extends PDFontSupplier {

        private final PDDocument document;
        private final TrueTypeFont[] fonts;
        private final PDFont[] embedded;
        private final int index;

        EmbedOnFirstUse(PDDocument document, TrueTypeFont[] fonts, PDFont[] embedded, int index) {
            super(null);
            this.document = document;
            this.fonts = fonts;
            this.embedded = embedded;
            this.index = index;
        }

        @Override
        public PDFont supply() {
            if (embedded[index] == null) {
                try {
                    // The TrueTypeFont overload never closes the shared font, unlike the InputStream one.
                    embedded[index] = PDType0Font.load(document, fonts[index], true);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot embed " + FACES.get(index).file(), e);
                }
            }
            return embedded[index];
        }
    }
}
