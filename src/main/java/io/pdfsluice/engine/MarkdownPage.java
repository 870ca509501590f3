package io.pdfsluice.engine;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Turns Markdown (CommonMark with GFM tables) into a complete, styled XHTML document.
 * Parser and renderers are immutable and shared between threads.
 */
public final class MarkdownPage {

    static final String UNTITLED = "Untitled";

    private final PageStyle style;
    private final Parser parser;
    private final HtmlRenderer html;
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    public MarkdownPage(EngineSettings settings) {
        this.style = new PageStyle(settings);
        List<Extension> extensions = List.of(TablesExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.html = HtmlRenderer.builder().extensions(extensions).build();
    }

    /**
     * @param title the document title; when blank the first level-1 heading is used, else "Untitled"
     */
    public String toXhtml(String markdown, String title) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        String effectiveTitle = isBlank(title) ? firstHeadingText(document) : title.strip();
        return "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\" />"
                + "<title>" + escape(effectiveTitle) + "</title>"
                + "<style>\n" + style.css() + "</style></head>\n<body>\n"
                + html.render(document)
                + "</body></html>\n";
    }

    private String firstHeadingText(Node document) {
        Heading[] first = new Heading[1];
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (first[0] == null && heading.getLevel() == 1) {
                    first[0] = heading;
                }
            }
        });
        String heading = first[0] == null ? "" : text.render(first[0]).strip();
        return heading.isEmpty() ? UNTITLED : heading;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The text as HTML text or attribute value: &amp;, &lt;, &gt; and &quot; escaped. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
