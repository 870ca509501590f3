package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

class PdfTypesetterTest {

    private static final String REPORT = """
            # Quarterly Report

            ## Summary

            - first bullet
            - second bullet

            | Region | Revenue |
            |--------|---------|
            | North  | 1200    |
            | South  | 3400    |

            ```
            int answer = 42;
            ```

            Call `inlineCode()` and read *emphasis* in **strong words**.
            """;

    private final TestSettings settings = TestSettings.defaults();
    private final MarkdownPage markdown = new MarkdownPage(settings);
    private final HtmlPage html = new HtmlPage(settings);
    private final PdfTypesetter typesetter = new PdfTypesetter(settings);

    @Test
    void markdownBecomesPdfWithTitleHeadingsTableAndCode() throws IOException {
        byte[] pdf = renderMarkdown(REPORT, "Report <Q1> & more");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals("Report <Q1> & more", document.getDocumentInformation().getTitle());
            assertEquals("pdf-sluice", document.getDocumentInformation().getProducer());
        }
        String text = SamplePdfs.text(pdf);
        for (String expected : List.of("Quarterly Report", "Summary", "first bullet", "second bullet", "Region",
                "Revenue", "North", "3400", "int answer = 42;", "inlineCode()", "emphasis", "strong words")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }

    @Test
    void titleFallsBackToTheFirstHeading() throws IOException {
        try (PDDocument document = Loader.loadPDF(renderMarkdown(REPORT, null))) {
            assertEquals("Quarterly Report", document.getDocumentInformation().getTitle());
        }
    }

    @Test
    void greekAndCyrillicTextExtractsIntact() throws IOException {
        String text = SamplePdfs.text(renderMarkdown("Καλημέρα κόσμε\n\n**Привет**, мир\n\n`Ωμέγα`", "Scripts"));

        assertTrue(text.contains("Καλημέρα κόσμε"), text);
        assertTrue(text.contains("Привет"), text);
        assertTrue(text.contains("мир"), text);
        assertTrue(text.contains("Ωμέγα"), text);
    }

    @Test
    void onlyTheUsedFacesAreEmbeddedAsSubsets() throws IOException {
        byte[] pdf = renderMarkdown(REPORT, "Fonts");

        Set<String> fonts = new TreeSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    assertTrue(font.isEmbedded(), () -> font.getName() + " is not embedded");
                    fonts.add(font.getName().substring(font.getName().indexOf('+') + 1));
                }
            }
        }
        assertEquals(Set.of("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"), fonts);
    }

    @Test
    void htmlFragmentRendersWithTheDefaultStyle() throws IOException {
        byte[] pdf = renderHtml("<h1>Invoice 7</h1><p>Unclosed paragraph<br>Total: 12 €<table><tr><td>cell text", null);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals("Invoice 7", document.getDocumentInformation().getTitle());
            PDRectangle a4 = document.getPage(0).getMediaBox();
            assertEquals(PDRectangle.A4.getWidth(), a4.getWidth(), 1f);
        }
        String text = SamplePdfs.text(pdf);
        assertTrue(text.contains("Unclosed paragraph") && text.contains("12 €") && text.contains("cell text"), text);
    }

    @Test
    void htmlWithItsOwnStyleStillGetsTheBundledFontsAndPageSize() throws IOException {
        PdfTypesetter letter = new PdfTypesetter(settings.withPageSize("Letter"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        letter.write(html.toDocument("<html><head><style>p { color: navy; }</style></head>"
                + "<body><p>Serif text, Ελληνικά</p><pre>mono</pre></body></html>", "Styled"), out);

        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertEquals(PDRectangle.LETTER.getWidth(), document.getPage(0).getMediaBox().getWidth(), 1f);
            Set<String> fonts = new TreeSet<>();
            for (COSName name : document.getPage(0).getResources().getFontNames()) {
                String font = document.getPage(0).getResources().getFont(name).getName();
                fonts.add(font.substring(font.indexOf('+') + 1));
            }
            assertEquals(Set.of("DejaVuSansMono", "DejaVuSerif"), fonts);
        }
        assertTrue(SamplePdfs.text(out.toByteArray()).contains("Serif text, Ελληνικά"));
    }

    @Test
    void externalResourcesAreNeverFetched() throws IOException {
        String text = SamplePdfs.text(renderHtml("<link rel=\"stylesheet\" href=\"file:///etc/hostname\">"
                + "<p>still renders</p><img src=\"file:///etc/passwd\"><img src=\"http://127.0.0.1:9/x.png\">", "x"));

        assertTrue(text.contains("still renders"), text);
    }

    @Test
    void inlineDataImagesAreStillDrawn() throws IOException {
        BufferedImage dot = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(dot, "png", png);
        String source = "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());

        byte[] pdf = renderHtml("<p>picture:</p><img src=\"" + source + "\" width=\"40\" height=\"40\">", "img");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue(document.getPage(0).getResources().getXObjectNames().iterator().hasNext(), "no image drawn");
        }
    }

    @Test
    void documentsRenderedInParallelKeepTheirOwnText() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String token = "token" + i;
                results.add(pool.submit(() -> SamplePdfs.text(
                        renderMarkdown("# Doc " + token + "\n\nΚαλημέρα " + token + " `" + token + "`", token))));
            }
            for (int i = 0; i < results.size(); i++) {
                String text = results.get(i).get();
                assertTrue(text.contains("Doc token" + i) && text.contains("Καλημέρα token" + i), text);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] renderMarkdown(String source, String title) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        typesetter.write(html.toDocument(markdown.toXhtml(source, title), title), out);
        return out.toByteArray();
    }

    private byte[] renderHtml(String source, String title) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        typesetter.write(html.toDocument(source, title), out);
        return out.toByteArray();
    }
}
