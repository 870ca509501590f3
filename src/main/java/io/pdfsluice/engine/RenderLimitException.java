package io.pdfsluice.engine;

/**
 * A document went past one of the engine's limits: its render took longer than sluice.engine.render-timeout-ms,
 * it has more pages than sluice.engine.max-pages, a page too large to draw, an image too large to embed, or elements
 * nested too deep to lay out. Unchecked, so that it passes through the renderers' callbacks
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

    static RenderLimitException pageTooLarge(int page, int dpi) {
        return new RenderLimitException("page " + page + " is too large to render at " + dpi + " DPI");
    }

    static RenderLimitException nestsTooDeep(int depth) {
        return new RenderLimitException("the document nests its elements " + depth + " deep, more than the "
                + HtmlPage.MAX_DEPTH + " the engine lays out");
    }

    static RenderLimitException tooDeepToTypeset() {
        return new RenderLimitException("the document nests too deeply to typeset (the typesetter ran out of stack)");
    }

    static RenderLimitException imageTooLarge(long width, long height) {
        return new RenderLimitException("an image of the document is " + width + " x " + height + " pixels, more than "
                + EmbeddedImages.MAX_PIXELS + " pixels in all");
    }

    static RenderLimitException tooManyPages(int pages, int maxPages) {
        return new RenderLimitException("the document has " + pages + " pages, more than sluice.engine.max-pages="
                + maxPages);
    }
}
