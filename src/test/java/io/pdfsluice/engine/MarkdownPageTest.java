package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownPageTest {

    private final MarkdownPage page = new MarkdownPage(TestSettings.defaults());

    @Test
    void markdownBecomesACompleteStyledDocument() {
        String xhtml = page.toXhtml("# Hello\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Greeting");

        assertTrue(xhtml.startsWith("<!DOCTYPE html>"), xhtml);
        assertTrue(xhtml.contains("<title>Greeting</title>"), xhtml);
        assertTrue(xhtml.contains("@page { size: A4; margin: 18mm; }"), xhtml);
        assertTrue(xhtml.contains("font-family: 'DejaVu Sans'"), xhtml);
        assertTrue(xhtml.contains("<h1>Hello</h1>"), xhtml);
        assertTrue(xhtml.contains("<td>1</td>"), xhtml);
        assertTrue(xhtml.endsWith("</body></html>\n"), xhtml);
    }

    @Test
    void theTitleIsEscaped() {
        assertTrue(page.toXhtml("text", "A <b> & \"c\"").contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"));
    }

    @Test
    void aMissingTitleComesFromTheFirstLevelOneHeadingElseUntitled() {
        assertTrue(page.toXhtml("## minor\n\n# The *real* title\n\n# Later", null)
                .contains("<title>The real title</title>"));
        assertTrue(page.toXhtml("just text", "  ").contains("<title>Untitled</title>"));
    }

    @Test
    void letterPaperAndMarginsComeFromTheSettings() {
        MarkdownPage letter = new MarkdownPage(new TestSettings(150, 0.85f, "Letter", 25, 0, 96));

        assertTrue(letter.toXhtml("x", "t").contains("@page { size: letter; margin: 25mm; }"));
    }

    @Test
    void anUnknownPaperSizeIsAConfigurationError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new MarkdownPage(TestSettings.defaults().withPageSize("A3")));
        assertEquals("sluice.engine.page-size must be A4 or Letter, not: A3", error.getMessage());
    }
}
