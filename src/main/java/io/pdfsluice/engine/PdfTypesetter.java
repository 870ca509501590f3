package io.pdfsluice.engine;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.CacheStore;

/**
 * Lays out an XHTML DOM and writes it as PDF with OpenHTMLtoPDF. Thread-safe: each call builds its own renderer,
 * only the parsed fonts and the font-metrics cache are shared.
 */
public final class PdfTypesetter {

    private static final String PRODUCER = "pdf-sluice";

    private final BundledFonts fonts = new BundledFonts();
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();
    private final float pageWidthMm;
    private final float pageHeightMm;

    public PdfTypesetter(EngineSettings settings) {
        boolean a4 = PageStyle.paperSize(settings.pageSize()).equals("A4");
        this.pageWidthMm = a4 ? 210f : 215.9f;
        this.pageHeightMm = a4 ? 297f : 279.4f;
        RenderLog.install();
        Standard14Substitutes.install();
    }

    /** Parses the bundled fonts now rather than during the first document. */
    public void loadFonts() {
        fonts.load();
    }

    /**
     * Writes the document as PDF; the PDF title metadata comes from the document's title element.
     */
    public void write(org.w3c.dom.Document document, OutputStream out) throws IOException {
        write(document, out, RenderDeadline.none(), Integer.MAX_VALUE);
    }

    /**
     * The same, stopping with a {@link RenderLimitException} once the deadline has passed (checked as text is laid
     * out and as each page is written) or when the laid-out document has more than maxPages pages, before any page
     * is written.
     */
    void write(org.w3c.dom.Document document, OutputStream out, RenderDeadline deadline, int maxPages)
            throws IOException {
        PDDocument pdf = new PDDocument(IOUtils.createMemoryOnlyStreamCache());
        EmbeddedImages images = new EmbeddedImages();
        try {
            // Fast mode is the only mode in 1.1.x; useFastMode() is a deprecated no-op, hence not called.
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(pdf)
                    .withProducer(PRODUCER)
                    .useCacheStore(CacheStore.PDF_FONT_METRICS, fontMetrics)
                    // Only applies when the document's CSS has no @page size of its own.
                    .useDefaultPageSize(pageWidthMm, pageHeightMm, PageSizeUnits.MM)
                    // User HTML must not make the server fetch files or URLs; inline data: images still work, up
                    // to a size (EmbeddedImages)
                    .useExternalResourceAccessControl(images::allowed,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useUnicodeLineBreaker(new DeadlineLineBreaker(deadline))
                    .usePageSupplier((doc, width, height, number, shadow) -> {
                        deadline.check();
                        PDPage page = new PDPage(new PDRectangle(width, height));
                        doc.addPage(page);
                        return page;
                    })
                    .withW3cDocument(document, null)
                    .toStream(out);
            fonts.registerWith(builder, pdf);
            // What builder.run() does, with the page count checked between layout and writing.
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                images.check();
                int pages = renderer.getRootBox().getLayer().getPages().size();
                if (pages > maxPages) {
                    throw RenderLimitException.tooManyPages(pages, maxPages);
                }
                renderer.createPDF();
                images.check();
            }
        } finally {
            // createPDF() closes the document itself, except when it fails before writing starts.
            pdf.close();
        }
    }
}
