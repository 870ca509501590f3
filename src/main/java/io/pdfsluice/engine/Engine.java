package io.pdfsluice.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The embedded engine as the HTTP routes see it: Markdown or HTML to PDF, and PDF to page images.
 *
 * Rendering is CPU-bound, so at most one typesetting per core runs (see {@link Typesetting}), and at most one PDF
 * conversion per core, behind a fair semaphore; further requests queue in arrival order instead of thrashing the
 * CPU and the heap. The pages of a conversion are rendered on the page workers, a bounded pool of their own
 * (sluice.engine.render-threads).
 *
 * Every render has a deadline (sluice.engine.render-timeout-ms) from the moment it gets its slot. At the deadline a
 * typesetting's request is answered whatever the typesetter is doing; a conversion stops starting pages and is
 * answered once the pages being drawn are done.
 */
@ApplicationScoped
@Named("engine")
@RegisterForReflection
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);
    private static final String WARM_UP_MARKDOWN = "# Warm-up\n\nΚαλημέρα, Привет, *em* **strong** `code`\n\n"
            + "| a | b |\n|---|---|\n| 1 | 2 |\n";

    private final Typesetting typesetting;
    private final PageImages pageImages;
    private final PageWorkers pageWorkers;
    private final Semaphore conversions;
    private final long renderTimeoutMs;
    private final long maxDocumentBytes;

    @Inject
    public Engine(EngineSettings settings,
            @ConfigProperty(name = "sluice.document.max-bytes") long maxDocumentBytes) {
        this(settings, Runtime.getRuntime().availableProcessors(), maxDocumentBytes);
    }

    Engine(EngineSettings settings, int concurrentRenders) {
        this(settings, concurrentRenders, 8L << 20);
    }

    Engine(EngineSettings settings, int concurrentRenders, long maxDocumentBytes) {
        this(settings, concurrentRenders,
                PageWorkers.threadsFor(settings, concurrentRenders, Runtime.getRuntime().maxMemory()),
                maxDocumentBytes);
    }

    Engine(EngineSettings settings, int concurrentRenders, int renderThreads, long maxDocumentBytes) {
        if (settings.maxPages() < 1) {
            throw new IllegalArgumentException("sluice.engine.max-pages must be at least 1, not " + settings.maxPages());
        }
        this.renderTimeoutMs = settings.renderTimeoutMs();
        this.maxDocumentBytes = maxDocumentBytes;
        this.typesetting = new Typesetting(settings, concurrentRenders);
        // The page workers' queue is sized for this many conversions at once, which the semaphore below enforces.
        this.pageWorkers = new PageWorkers(renderThreads, concurrentRenders);
        this.pageImages = new PageImages(settings, pageWorkers);
        this.conversions = new Semaphore(concurrentRenders, true);
        LOG.infof("PDF engine: %d typesetting slots, %d page render threads (max heap %d MB)", concurrentRenders,
                renderThreads, Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Body: a JSON {@link RenderRequest}. Reply: the PDF, or a JSON error: 400 for a bad request, 413 for a text
     * over sluice.document.max-bytes, 422 for a render over the deadline or the page limit (the same document would
     * fail the same way again, so it is not a status a client retries).
     */
    public void render(Exchange exchange) throws IOException, InterruptedException {
        Message message = exchange.getMessage();
        RenderRequest request;
        try {
            request = RenderRequest.parse(message.getBody(String.class));
        } catch (IllegalArgumentException e) {
            EngineReply.error(message, 400, "bad_request", e.getMessage());
            return;
        }
        String text = request.isMarkdown() ? request.markdown() : request.html();
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxDocumentBytes) {
            EngineReply.error(message, 413, "too_large", "the " + (request.isMarkdown() ? "markdown" : "html")
                    + " has " + bytes + " bytes, more than sluice.document.max-bytes=" + maxDocumentBytes);
            return;
        }
        long started = System.nanoTime();
        byte[] pdf;
        try {
            pdf = toPdf(request);
        } catch (RenderLimitException e) {
            EngineReply.error(message, 422, "unprocessable", e.getMessage());
            return;
        }
        EngineReply.send(message, 200, "application/pdf", pdf);
        message.setHeader(EngineReply.RENDER_MS, EngineReply.elapsedMs(started));
    }

    /**
     * Body: the PDF; header "target": jpg (default), jpeg or png. Reply: the image of a one-page PDF, a ZIP of
     * page-001.jpg, page-002.jpg, ... otherwise; 400 for another target, 422 when the body is not a readable PDF or
     * the conversion goes past the deadline or the page limit.
     */
    public void convert(Exchange exchange) throws IOException, InterruptedException {
        Message message = exchange.getMessage();
        ImageFormat format;
        try {
            format = ImageFormat.of(message.getHeader("target", "jpg", String.class));
        } catch (IllegalArgumentException e) {
            EngineReply.error(message, 400, "bad_request", e.getMessage());
            return;
        }
        long started = System.nanoTime();
        Path spool = Files.createTempFile("pdf-sluice-", ".pdf");
        Path result = null;
        try {
            if (!EngineReply.spoolBody(message, spool)) {
                EngineReply.error(message, 422, "unprocessable", "not a PDF: the body is empty");
                return;
            }
            // The images go to a file, not the heap, so memory does not grow with page count or concurrency.
            result = Files.createTempFile("pdf-sluice-", "." + format.extension());
            int pages;
            try (OutputStream out = Files.newOutputStream(result)) {
                pages = toImages(spool, format, out);
            } catch (UnreadablePdfException | RenderLimitException e) {
                EngineReply.error(message, 422, "unprocessable", e.getMessage());
                return;
            }
            FileReply.send(exchange, pages == 1 ? format.mediaType() : "application/zip", result, true);
            result = null;
            message.setHeader(EngineReply.RENDER_MS, EngineReply.elapsedMs(started));
        } finally {
            Files.deleteIfExists(spool);
            if (result != null) {
                Files.deleteIfExists(result);
            }
        }
    }

    /**
     * Renders a request to PDF bytes, waiting for a free render slot first.
     *
     * @throws RenderLimitException past the deadline or the page limit
     */
    public byte[] toPdf(RenderRequest request) throws IOException, InterruptedException {
        return typesetting.toPdf(request, renderTimeoutMs);
    }

    /**
     * Writes the image of a one-page PDF, or a ZIP of all pages, waiting for a free conversion slot first.
     * Returns the page count.
     *
     * @throws RenderLimitException past the deadline or the page limit
     */
    public int toImages(Path pdf, ImageFormat format, OutputStream out) throws IOException, InterruptedException {
        return toImages(pdf, format, out, renderTimeoutMs);
    }

    private int toImages(Path pdf, ImageFormat format, OutputStream out, long timeoutMs)
            throws IOException, InterruptedException {
        conversions.acquire();
        try {
            return pageImages.writeImageOrZip(pdf, format.extension(), out, RenderDeadline.in(timeoutMs));
        } finally {
            conversions.release();
        }
    }

    @PreDestroy
    void stop() {
        typesetting.close();
        pageWorkers.close();
    }

    /**
     * Loads fonts, JIT-compiles the hot paths and builds PDFBox's system font cache before the first request. Where
     * pdftoppm draws the pages, PDFBox's drawing and its font cache are left out: they would only take CPU from the
     * first documents.
     */
    void warmUp() {
        long started = System.nanoTime();
        try {
            typesetting.loadFonts();
            // no deadline: the first render of a cold JVM is slow, and it is not a client's document
            byte[] pdf = typesetting.toPdf(new RenderRequest(WARM_UP_MARKDOWN, null, "Warm-up"), 0);
            if (pageImages.drawnByPoppler()) {
                LOG.infof("PDF engine warmed up in %d ms", EngineReply.elapsedMs(started));
                return;
            }
            Path spool = Files.createTempFile("pdf-sluice-warm-up-", ".pdf");
            try {
                Files.write(spool, pdf);
                toImages(spool, ImageFormat.JPEG, OutputStream.nullOutputStream(), 0);
            } finally {
                Files.deleteIfExists(spool);
            }
            // Pages using non-embedded fonts make PDFBox scan the system fonts once; do it now rather than mid-request.
            FontMappers.instance().getFontBoxFont("Helvetica", null);
            LOG.infof("PDF engine warmed up in %d ms", EngineReply.elapsedMs(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("PDF engine warm-up failed; the first request will be slower or fail the same way", e);
        }
    }
}
