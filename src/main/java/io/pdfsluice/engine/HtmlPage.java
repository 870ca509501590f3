package io.pdfsluice.engine;

import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;

/**
 * Turns user HTML, a fragment or a whole document, well-formed or not, into the W3C DOM OpenHTMLtoPDF lays out.
 * OpenHTMLtoPDF's own parser only accepts strict XHTML, which real-world HTML rarely is, so jsoup repairs it first.
 */
public final class HtmlPage {

    // W3CDom keeps a DocumentBuilderFactory, which is neither cheap to create nor promised to be thread-safe.
    private static final ThreadLocal<W3CDom> CONVERTERS = ThreadLocal.withInitial(W3CDom::new);

    /** The deepest nesting of elements laid out; real documents stay far below it. */
    static final int MAX_DEPTH = 256;

    private final PageStyle style;

    public HtmlPage(EngineSettings settings) {
        this.style = new PageStyle(settings);
    }

    /**
     * @param title the document title; when blank the document's own title, else its first h1, else "Untitled"
     */
    public org.w3c.dom.Document toDocument(String html, String title) {
        Document page = Jsoup.parse(html == null ? "" : html);
        int depth = depth(page);
        if (depth > MAX_DEPTH) {
            // the W3C DOM and the layout take time in the square of the depth, and recurse on it
            throw RenderLimitException.nestsTooDeep(depth);
        }
        page.title(titleOf(page, title));
        if (page.selectFirst("style") == null) {
            page.head().prependChild(new Element("style").appendChild(new DataNode(style.css())));
        }
        return CONVERTERS.get().fromJsoup(page);
    }

    /** How deep the page's elements nest, walked without recursion. */
    static int depth(Document page) {
        int[] deepest = { 0 };
        NodeTraversor.traverse((node, depth) -> deepest[0] = Math.max(deepest[0], depth), page);
        return deepest[0];
    }

    private static String titleOf(Document page, String requested) {
        if (!MarkdownPage.isBlank(requested)) {
            return requested.strip();
        }
        if (!page.title().isBlank()) {
            return page.title().strip();
        }
        Element heading = page.selectFirst("h1");
        return heading == null || heading.text().isBlank() ? MarkdownPage.UNTITLED : heading.text().strip();
    }
}
