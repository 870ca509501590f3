package io.pdfsluice.engine;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jboss.logging.Logger;

/**
 * Renders the pages of a PDF on disk into JPEG or PNG images, several pages at once, and hands them out in page
 * order: with poppler's pdftoppm where it is installed ({@link PopplerPages}, sluice.engine.renderer), else, or
 * where pdftoppm fails on a PDF, with PDFBox on the page workers.
 *
 * PDFBox's PDDocument and PDFRenderer are not thread-safe, so each worker renders from a PDDocument of its own,
 * opened from the same file (the first worker gets the one the caller opened to count the pages). Each opens the
 * file with a temp-file stream cache, so memory stays flat however large the document; what waits in memory is at
 * most one raster per worker plus a window of encoded pages (see PageRun).
 */
public final class PageImages {

    private static final Logger LOG = Logger.getLogger(PageImages.class);

    /** Encoded pages that may wait for the writer, per worker: enough to keep workers busy while one page is slow. */
    static final int WINDOW_PER_WORKER = 2;

    private final int dpi;
    private final float jpegQuality;
    private final int maxPages;
    private final PageWorkers workers;
    private final Optional<PopplerPages> poppler;

    PageImages(EngineSettings settings, PageWorkers workers) {
        this(settings, workers, PopplerPages.find(settings.renderer())
                .map(pdftoppm -> new PopplerPages(pdftoppm, settings.dpi(), settings.jpegQuality(), workers.threads())));
    }

    /** With the given pdftoppm, or none: PDFBox draws every page. */
    PageImages(EngineSettings settings, PageWorkers workers, Optional<PopplerPages> poppler) {
        if (settings.dpi() < 1 || settings.dpi() > 1200) {
            throw new IllegalArgumentException("sluice.engine.dpi must be between 1 and 1200, not " + settings.dpi());
        }
        if (!(settings.jpegQuality() >= 0f && settings.jpegQuality() <= 1f)) {
            throw new IllegalArgumentException(
                    "sluice.engine.jpeg-quality must be between 0 and 1, not " + settings.jpegQuality());
        }
        this.dpi = settings.dpi();
        this.jpegQuality = settings.jpegQuality();
        this.maxPages = settings.maxPages();
        this.workers = workers;
        this.poppler = poppler;
        LOG.infof("Page images are drawn by %s", poppler.map(p -> "poppler (" + p + "), PDFBox where it fails")
                .orElse("PDFBox"));
        PageCanvas.antialiasLikePoppler();
    }

    /** True when poppler's pdftoppm draws the pages (PDFBox only where it fails on a PDF). */
    boolean drawnByPoppler() {
        return poppler.isPresent();
    }

    public int pageCount(Path pdf) throws IOException {
        try (PDDocument document = open(pdf)) {
            return document.getNumberOfPages();
        }
    }

    /**
     * Renders every page and gives them to the sink in page order, on the calling thread. Returns the page count.
     * When a page fails, or the sink does, no further page is started, the pages under way are waited for and the
     * failure is thrown: no worker is still using the file when this returns.
     */
    int writePages(Path pdf, String format, PageSink sink) throws IOException, InterruptedException {
        return writePages(pdf, format, sink, RenderDeadline.none());
    }

    /**
     * The same within a deadline: once it has passed, no further page is started and the pages being drawn are
     * waited for, then {@link RenderLimitException} is thrown. A PDF of more than sluice.engine.max-pages pages is
     * refused with it before any page is drawn.
     */
    int writePages(Path pdf, String format, PageSink sink, RenderDeadline deadline)
            throws IOException, InterruptedException {
        ImageFormat imageFormat = ImageFormat.of(format);
        try (PDDocument first = open(pdf)) {
            if (first.getNumberOfPages() > maxPages) {
                throw RenderLimitException.tooManyPages(first.getNumberOfPages(), maxPages);
            }
            if (poppler.isPresent()) {
                try {
                    return poppler.get().writePages(pdf, first, imageFormat, workers.threads(), sink, deadline);
                } catch (PopplerException e) {
                    LOG.warnf("pdftoppm could not draw %s (%s); PDFBox draws it", pdf.getFileName(), e.getMessage());
                }
            }
            PageRun run = new PageRun(first.getNumberOfPages(),
                    WINDOW_PER_WORKER * Math.min(workers.threads(), first.getNumberOfPages()), deadline);
            int taskCount = Math.min(workers.threads(), run.pageCount());
            CountDownLatch ended = new CountDownLatch(taskCount);
            List<Runnable> tasks = new ArrayList<>(taskCount);
            for (int i = 0; i < taskCount; i++) {
                PDDocument own = i == 0 ? first : null;
                tasks.add(() -> {
                    try {
                        work(run, own, pdf, imageFormat);
                    } finally {
                        ended.countDown();
                    }
                });
            }
            try {
                for (Runnable task : tasks) {
                    workers.execute(task);
                }
                for (int page = 1; page <= run.pageCount(); page++) {
                    sink.write(page, run.pageCount(), run.next());
                }
                return run.pageCount();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                run.fail(e);
                throw e;
            } finally {
                for (Runnable task : tasks) {
                    if (workers.withdraw(task)) {
                        ended.countDown();
                    }
                }
                awaitUninterruptibly(ended);
            }
        }
    }

    /** One worker: opens its own copy of the document unless given one, then renders pages until none is left. */
    private void work(PageRun run, PDDocument given, Path pdf, ImageFormat format) {
        try {
            if (!run.hasPagesLeft()) {
                return; // started after the others finished every page, or after the run failed: nothing to open
            }
            if (given != null) {
                renderPages(run, given, format);
            } else {
                try (PDDocument own = open(pdf)) {
                    renderPages(run, own, format);
                }
            }
        } catch (Throwable e) {
            run.fail(e);
        }
    }

    private void renderPages(PageRun run, PDDocument document, ImageFormat format)
            throws IOException, InterruptedException {
        PDFRenderer renderer = new PDFRenderer(document);
        renderer.setSubsamplingAllowed(false);
        PageCanvas canvas = new PageCanvas();
        for (int page = run.take(); page >= 0; page = run.take()) {
            BufferedImage image = PageCanvas.inRgbOrder(canvas.render(renderer, document.getPage(page), page, dpi));
            EncodedPage encoded = new EncodedPage();
            format.write(image, dpi, jpegQuality, encoded);
            run.done(page, encoded);
        }
    }

    /** Writes a ZIP with one entry per page: page-001.jpg, page-002.jpg, ... Returns the page count. */
    public int writeZip(Path pdf, String format, OutputStream out) throws IOException, InterruptedException {
        PageArchive zip = new PageArchive(out, ImageFormat.of(format).extension());
        int pageCount = writePages(pdf, format, zip::add);
        zip.finish();
        return pageCount;
    }

    /** Writes the only page of a one-page PDF as a bare image. */
    public void writeSingle(Path pdf, String format, OutputStream out) throws IOException, InterruptedException {
        writePages(pdf, format, (number, count, page) -> {
            if (count != 1) {
                throw new IllegalArgumentException("expected a one-page PDF, this one has " + count + " pages");
            }
            page.writeTo(out);
        });
    }

    /**
     * Writes a one-page PDF as a bare image and anything longer as a ZIP of pages, opening the PDF only once.
     * Returns the page count, which tells the caller which of the two it got.
     */
    public int writeImageOrZip(Path pdf, String format, OutputStream out) throws IOException, InterruptedException {
        return writeImageOrZip(pdf, format, out, RenderDeadline.none());
    }

    int writeImageOrZip(Path pdf, String format, OutputStream out, RenderDeadline deadline)
            throws IOException, InterruptedException {
        String extension = ImageFormat.of(format).extension();
        PageArchive[] zip = new PageArchive[1];
        int pageCount = writePages(pdf, format, (number, count, page) -> {
            if (count == 1) {
                page.writeTo(out);
                return;
            }
            if (zip[0] == null) {
                zip[0] = new PageArchive(out, extension);
            }
            zip[0].add(number, count, page);
        }, deadline);
        if (zip[0] != null) {
            zip[0].finish();
        }
        return pageCount;
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

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
