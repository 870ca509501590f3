package io.pdfsluice.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Markdown or HTML to PDF within the engine's limits. A fair semaphore lets at most a given number of typesettings
 * (one per core) run at once; further requests queue in arrival order instead of thrashing the CPU and the heap.
 *
 * Each typesetting runs on a thread of its own while the request waits for it: at the deadline the request is
 * answered whatever the typesetter is doing, and the typesetter stops at its next check (see PdfTypesetter); its
 * slot is free once it has.
 */
final class Typesetting implements AutoCloseable {

    private final MarkdownPage markdownPage;
    private final HtmlPage htmlPage;
    private final PdfTypesetter typesetter;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final int maxPages;

    Typesetting(EngineSettings settings, int slots) {
        this.markdownPage = new MarkdownPage(settings);
        this.htmlPage = new HtmlPage(settings);
        this.typesetter = new PdfTypesetter(settings);
        this.slots = new Semaphore(slots, true);
        this.maxPages = settings.maxPages();
        // No queue: a typesetting that holds a slot always has a thread at once (at most one per slot runs).
        this.threads = Executors.newCachedThreadPool(new EngineThreads("typeset"));
    }

    /** Parses the bundled fonts now rather than during the first document. */
    void loadFonts() {
        typesetter.loadFonts();
    }

    /**
     * Renders a request to PDF bytes, waiting for a free slot first; the deadline starts once it has one.
     *
     * @param timeoutMs 0 or less: no deadline
     * @throws RenderLimitException past the deadline or the page limit
     */
    byte[] toPdf(RenderRequest request, long timeoutMs) throws IOException, InterruptedException {
        org.w3c.dom.Document document;
        try {
            document = request.isMarkdown()
                    ? htmlPage.toDocument(markdownPage.toXhtml(request.markdown(), request.title()), request.title())
                    : htmlPage.toDocument(request.html(), request.title());
        } catch (StackOverflowError e) { // Markdown nested thousands deep: the parser's visitors recurse on it
            throw RenderLimitException.tooDeepToTypeset();
        }
        slots.acquire();
        RenderDeadline deadline = RenderDeadline.in(timeoutMs);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
                    typesetter.write(document, pdf, deadline, maxPages);
                    result.complete(pdf.toByteArray());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
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
            } else if (cause instanceof StackOverflowError) {
                throw RenderLimitException.tooDeepToTypeset();
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("typesetting failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
