package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlPageTest {

    private final HtmlPage page = new HtmlPage(TestSettings.defaults());

    @Test
    void aBareFragmentGetsHeadTitleAndTheDefaultStyle() {
        Document document = page.toDocument("<h1>Hi <i>there</h1><p>unclosed", null);

        assertEquals("Hi there", text(document, "title"));
        assertTrue(text(document, "style").contains("@page { size: A4"));
        assertEquals("unclosed", text(document, "p"));
    }

    @Test
    void theUsersOwnStyleIsLeftAlone() {
        Document document = page.toDocument("<style>p { color: red; }</style><p>x</p>", "Given");

        NodeList styles = document.getElementsByTagName("style");
        assertEquals(1, styles.getLength());
        assertFalse(styles.item(0).getTextContent().contains("@page"));
        assertEquals("Given", text(document, "title"));
    }

    @Test
    void titlePrefersTheArgumentThenTheDocumentsOwnThenTheHeading() {
        String html = "<html><head><title>Own</title></head><body><h1>Heading</h1></body></html>";

        assertEquals("Argument", text(page.toDocument(html, "Argument"), "title"));
        assertEquals("Own", text(page.toDocument(html, null), "title"));
        assertEquals("Heading", text(page.toDocument("<h1>Heading</h1>", ""), "title"));
        assertEquals("Untitled", text(page.toDocument("<p>no heading</p>", null), "title"));
    }

    private static String text(Document document, String tag) {
        return document.getElementsByTagName(tag).item(0).getTextContent();
    }
}
