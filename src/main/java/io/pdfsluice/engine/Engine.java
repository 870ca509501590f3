package io.pdfsluice.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The embedded engine as the HTTP routes see it: Markdown or HTML to PDF, and PDF to page images.
 *
 * Rendering is CPU-bound, so a fair semaphore lets at most one typesetting per core run, and another at most one
 * PDF conversion per core; further requests queue in arrival order instead of thrashing the CPU and the heap. The
 * pages of a conversion are rendered on the page workers, a bounded pool of their own (sluice.engine.render-threads).
 *
 * Every render has a deadline (sluice.engine.render-timeout-ms) from the moment it gets its slot. Typesetting runs
 * on a thread of its own while the request waits for it: at the deadline the request is answered whatever the
 * typesetter is doing, and the typesetter stops at its next check (see PdfTypesetter); its slot is free once it has.
 * A conversion stops starting pages at the deadline and is answered once the pages being drawn are done.
 */
@ApplicationScoped
@Named("engine")
@RegisterForReflection
public class Engine {

    static final String RENDER_MS = "X-Render-Ms";

    private static final Logger LOG = Logger.getLogger(Engine.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String WARM_UP_MARKDOWN = "# Warm-up\n\nΚαλημέρα, Привет, *em* **strong** `code`\n\n"
            + "| a | b |\n|---|---|\n| 1 | 2 |\n";

    private final MarkdownPage markdownPage;
    private final HtmlPage htmlPage;
    private final PdfTypesetter typesetter;
    private final PageImages pageImages;
    private final PageWorkers pageWorkers;
    private final Semaphore permits;
    private final Semaphore conversions;
    private final ExecutorService typesetters;
    private final long renderTimeoutMs;
    private final int maxPages;
    private final long maxDocumentBytes;

    @Inject
    public Engine(EngineSettings settings,
            @ConfigProperty(name = "sluice.document.max-bytes", defaultValue = "8388608") long maxDocumentBytes) {
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
        this.maxPages = settings.maxPages();
        this.maxDocumentBytes = maxDocumentBytes;
        this.markdownPage = new MarkdownPage(settings);
        this.htmlPage = new HtmlPage(settings);
        this.typesetter = new PdfTypesetter(settings);
        // The page workers' queue is sized for this many conversions at once, which the semaphore below enforces.
        this.pageWorkers = new PageWorkers(renderThreads, concurrentRenders);
        this.pageImages = new PageImages(settings, pageWorkers);
        this.permits = new Semaphore(concurrentRenders, true);
        this.conversions = new Semaphore(concurrentRenders, true);
        // No queue: a typesetting that holds a slot always has a thread at once (at most one per slot runs).
        this.typesetters = Executors.newCachedThreadPool(new EngineThreads("typeset"));
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
            replyError(message, 400, "bad_request", e.getMessage());
            return;
        }
        String text = request.isMarkdown() ? request.markdown() : request.html();
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxDocumentBytes) {
            replyError(message, 413, "too_large", "the " + (request.isMarkdown() ? "markdown" : "html") + " has "
                    + bytes + " bytes, more than sluice.document.max-bytes=" + maxDocumentBytes);
            return;
        }
        long started = System.nanoTime();
        byte[] pdf;
        try {
            pdf = toPdf(request);
        } catch (RenderLimitException e) {
            replyError(message, 422, "unprocessable", e.getMessage());
            return;
        }
        reply(message, 200, "application/pdf", pdf);
        message.setHeader(RENDER_MS, elapsedMs(started));
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
            replyError(message, 400, "bad_request", e.getMessage());
            return;
        }
        long started = System.nanoTime();
        Path spool = Files.createTempFile("pdf-sluice-", ".pdf");
        Path result = null;
        try {
            if (!spoolBody(message, spool)) {
                replyError(message, 422, "unprocessable", "not a PDF: the body is empty");
                return;
            }
            // The images go to a file, not the heap, so memory does not grow with page count or concurrency.
            result = Files.createTempFile("pdf-sluice-", "." + format.extension());
            int pages;
            try (OutputStream out = Files.newOutputStream(result)) {
                pages = toImages(spool, format, out);
            } catch (UnreadablePdfException | RenderLimitException e) {
                replyError(message, 422, "unprocessable", e.getMessage());
                return;
            }
            FileReply.send(exchange, pages == 1 ? format.mediaType() : "application/zip", result, true);
            result = null;
            message.setHeader(RENDER_MS, elapsedMs(started));
        } finally {
            Files.deleteIfExists(spool);
            if (result != null) {
                Files.deleteIfExists(result);
            }
        }
    }

    /** Copies the request body to the file; false when there is no body at all. */
    static boolean spoolBody(Message message, Path file) throws IOException {
        try (InputStream body = message.getBody(InputStream.class)) {
            if (body == null) {
                return false;
            }
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }

    /**
     * Renders a request to PDF bytes, waiting for a free render slot first.
     *
     * @throws RenderLimitException past the deadline or the page limit
     */
    public byte[] toPdf(RenderRequest request) throws IOException, InterruptedException {
        return toPdf(request, renderTimeoutMs);
    }

    private byte[] toPdf(RenderRequest request, long timeoutMs) throws IOException, InterruptedException {
        org.w3c.dom.Document document = request.isMarkdown()
                ? htmlPage.toDocument(markdownPage.toXhtml(request.markdown(), request.title()), request.title())
                : htmlPage.toDocument(request.html(), request.title());
        permits.acquire();
        RenderDeadline deadline = RenderDeadline.in(timeoutMs);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        try {
            typesetters.execute(() -> {
                try {
                    ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
                    typesetter.write(document, pdf, deadline, maxPages);
                    result.complete(pdf.toByteArray());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        return awaitTypesetting(result, deadline);
    }

    /** The typesetting's PDF, or its failure; at the deadline, the deadline's failure, whatever it is doing. */
    private static byte[] awaitTypesetting(CompletableFuture<byte[]> result, RenderDeadline deadline)
            throws IOException, InterruptedException {
        try {
            return result.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw deadline.expired();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("typesetting failed: " + cause, cause);
        }
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
        typesetters.shutdownNow();
        pageWorkers.close();
    }

    /**
     * Warms up when the engine is the provider. With a hosted API the engine's endpoint still answers, but its
     * warm-up (seconds of CPU) would compete with the first documents of a run that does not use it.
     */
    void warmUpOnStart(@Observes StartupEvent event,
            @ConfigProperty(name = "sluice.provider", defaultValue = "local") String provider) {
        if (!"local".equals(provider)) {
            return;
        }
        EngineThreads.startOnce("warm-up", this::warmUp);
    }

    /** Loads fonts, JIT-compiles the hot paths and builds PDFBox's system font cache before the first request. */
    void warmUp() {
        long started = System.nanoTime();
        try {
            typesetter.loadFonts();
            // no deadline: the first render of a cold JVM is slow, and it is not a client's document
            byte[] pdf = toPdf(new RenderRequest(WARM_UP_MARKDOWN, null, "Warm-up"), 0);
            Path spool = Files.createTempFile("pdf-sluice-warm-up-", ".pdf");
            try {
                Files.write(spool, pdf);
                toImages(spool, ImageFormat.JPEG, OutputStream.nullOutputStream(), 0);
            } finally {
                Files.deleteIfExists(spool);
            }
            // Pages using non-embedded fonts make PDFBox scan the system fonts once; do it now rather than mid-request.
            FontMappers.instance().getFontBoxFont("Helvetica", null);
            LOG.infof("PDF engine warmed up in %d ms", elapsedMs(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("PDF engine warm-up failed; the first request will be slower or fail the same way", e);
        }
    }

    static void reply(Message message, int status, String contentType, Object body) {
        // The reply goes straight back over HTTP, and platform-http would echo every request header, query
        // parameter and form field in it (a form field that is not a valid header name even fails the response).
        message.removeHeaders("*", "Camel*");
        message.setBody(body);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }

    static void replyError(Message message, int status, String error, String text) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", error).put("message", text));
        reply(message, status, "application/json", body);
    }

    static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
