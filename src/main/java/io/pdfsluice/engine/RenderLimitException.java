package io.pdfsluice.engine;

/**
 * A document went past one of the engine's limits: its render took longer than sluice.engine.render-timeout-ms,
 * or it has more pages than sluice.engine.max-pages. Unchecked, so that it passes through the renderers' callbacks
 * unaltered. The message is meant for the client; the same document will fail the same way again.
 */
public final class RenderLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private RenderLimitException(String message) {
        super(message, null, false, false);
    }

    static RenderLimitException tookLongerThan(long timeoutMs) {
        return new RenderLimitException("the render took longer than " + timeoutMs
                + " ms (sluice.engine.render-timeout-ms) and was abandoned");
    }

    static RenderLimitException tooManyPages(int pages, int maxPages) {
        return new RenderLimitException("the document has " + pages + " pages, more than sluice.engine.max-pages="
                + maxPages);
    }
}
