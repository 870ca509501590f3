package io.pdfsluice.engine;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Keeps PDFBox's font mapping as it is, but stops it warning when a standard-14 font (Helvetica, Times, Courier,
 * ...) is drawn with a look-alike.
 *
 * OpenHTMLtoPDF creates all fourteen as PDType1Font for every document, and on a server without those fonts
 * installed each creation logs "Using fallback font ..." at WARN: fourteen lines per request about fonts the PDF
 * standard says readers substitute anyway. Fallbacks for any other font still warn.
 */
final class Standard14Substitutes implements FontMapper {

    private final FontMapper delegate;

    private Standard14Substitutes(FontMapper delegate) {
        this.delegate = delegate;
    }

    static synchronized void install() {
        FontMapper current = FontMappers.instance();
        if (!(current instanceof Standard14Substitutes)) {
            FontMappers.set(new Standard14Substitutes(current));
        }
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor fontDescriptor) {
        FontMapping<FontBoxFont> mapping = delegate.getFontBoxFont(baseFont, fontDescriptor);
        if (mapping != null && mapping.isFallback() && Standard14Fonts.containsName(baseFont)) {
            return new FontMapping<>(mapping.getFont(), false);
        }
        return mapping;
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor fontDescriptor) {
        return delegate.getTrueTypeFont(baseFont, fontDescriptor);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor fontDescriptor, PDCIDSystemInfo cidSystemInfo) {
        return delegate.getCIDFont(baseFont, fontDescriptor, cidSystemInfo);
    }
}
