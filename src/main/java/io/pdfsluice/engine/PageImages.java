package io.pdfsluice.engine;

import java.awt.image.BufferedImage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders the pages of a PDF on disk into JPEG or PNG images with PDFBox.
 *
 * The PDF is opened once per call, from the file and with a temp-file stream cache, so memory stays flat however
 * large the document. Pages are rendered one after another: a PDFRenderer must not be shared between threads, and
 * the engine already runs as many documents at once as there are cores.
 */
public final class PageImages {

    private final int dpi;
    private final float jpegQuality;

    public PageImages(EngineSettings settings) {
        this.dpi = settings.dpi();
        this.jpegQuality = settings.jpegQuality();
    }

    public int pageCount(Path pdf) throws IOException {
        try (PDDocument document = open(pdf)) {
            return document.getNumberOfPages();
        }
    }

    /** Renders every page, in order, into the stream the sink opens for it. Returns the page count. */
    public int writePages(Path pdf, String format, PageSink sink) throws IOException {
        ImageFormat imageFormat = ImageFormat.of(format);
        try (PDDocument document = open(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setSubsamplingAllowed(false);
            int pageCount = document.getNumberOfPages();
            for (int page = 0; page < pageCount; page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, dpi, ImageType.RGB);
                try (OutputStream out = sink.open(page + 1, pageCount)) {
                    imageFormat.write(image, dpi, jpegQuality, out);
                }
            }
            return pageCount;
        }
    }

    /** Writes a ZIP with one entry per page: page-001.jpg, page-002.jpg, ... Returns the page count. */
    public int writeZip(Path pdf, String format, OutputStream out) throws IOException {
        String extension = ImageFormat.of(format).extension();
        ZipOutputStream zip = new ZipOutputStream(out);
        int pageCount = writePages(pdf, format, (number, count) -> {
            zip.putNextEntry(new ZipEntry(entryName(number, count, extension)));
            return new PageStream(zip);
        });
        zip.finish();
        return pageCount;
    }

    /** Writes the only page of a one-page PDF as a bare image. */
    public void writeSingle(Path pdf, String format, OutputStream out) throws IOException {
        writePages(pdf, format, (number, count) -> {
            if (count != 1) {
                throw new IllegalArgumentException("expected a one-page PDF, this one has " + count + " pages");
            }
            return new PageStream(out);
        });
    }

    /**
     * Writes a one-page PDF as a bare image and anything longer as a ZIP of pages, opening the PDF only once.
     * Returns the page count, which tells the caller which of the two it got.
     */
    public int writeImageOrZip(Path pdf, String format, OutputStream out) throws IOException {
        String extension = ImageFormat.of(format).extension();
        ZipOutputStream[] zip = new ZipOutputStream[1];
        int pageCount = writePages(pdf, format, (number, count) -> {
            if (count == 1) {
                return new PageStream(out);
            }
            if (zip[0] == null) {
                zip[0] = new ZipOutputStream(out);
            }
            zip[0].putNextEntry(new ZipEntry(entryName(number, count, extension)));
            return new PageStream(zip[0]);
        });
        if (zip[0] != null) {
            zip[0].finish();
        }
        return pageCount;
    }

    static String entryName(int pageNumber, int pageCount, String extension) {
        int width = Math.max(3, Integer.toString(pageCount).length());
        return "page-" + String.format("%0" + width + "d", pageNumber) + "." + extension;
    }

    private static PDDocument open(Path pdf) throws IOException {
        PDDocument document;
        try {
            document = Loader.loadPDF(pdf.toFile(), IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new UnreadablePdfException("encrypted PDF: it needs a password", e);
        } catch (IOException e) {
            throw new UnreadablePdfException("not a PDF: " + e.getMessage(), e);
        }
        if (document.getNumberOfPages() == 0) {
            document.close();
            throw new UnreadablePdfException("not a PDF: it has no pages", null);
        }
        return document;
    }

    /** Closing it ends the page: the ZIP entry, never the ZIP or the caller's stream underneath. */
    private static final class PageStream extends FilterOutputStream {

        PageStream(OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
            if (out instanceof ZipOutputStream zip) {
                zip.closeEntry();
            }
        }
    }
}
