package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.e2e.Manifests;

/** The engine's deadline and page limit: a runaway document fails with the reason and frees its slot. */
class RenderLimitsTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @AfterAll
    static void stopCamel() throws IOException {
        CAMEL.close();
    }

    @Test
    void aDocumentOverThePageLimitIsRefusedWithItsPageCount() {
        Engine engine = new Engine(TestSettings.defaults().withLimits(60_000, 3), 1);

        RenderLimitException error = assertThrows(RenderLimitException.class,
                () -> engine.toPdf(new RenderRequest(Manifests.paragraphs(300), null, "Long")));

        assertTrue(error.getMessage().matches("the document has \\d+ pages, more than sluice.engine.max-pages=3"),
                error.getMessage());
    }

    @Test
    void aDocumentWithinThePageLimitIsTypeset() throws Exception {
        Engine engine = new Engine(TestSettings.defaults().withLimits(60_000, 3), 1);

        byte[] pdf = engine.toPdf(new RenderRequest(Manifests.paragraphs(10), null, "Short"));

        assertTrue(SamplePdfs.text(pdf).contains("Paragraph 10."));
    }

    @Test
    void theTypesetterItselfStopsAtTheDeadline() throws Exception {
        PdfTypesetter typesetter = new PdfTypesetter(TestSettings.defaults());
        org.w3c.dom.Document document = new HtmlPage(TestSettings.defaults())
                .toDocument(new MarkdownPage(TestSettings.defaults()).toXhtml(Manifests.longMarkdown(1_000_000), "Huge"),
                        "Huge");

        RenderLimitException error = assertThrows(RenderLimitException.class, () -> typesetter
                .write(document, new ByteArrayOutputStream(), RenderDeadline.in(300), Integer.MAX_VALUE));

        assertTrue(error.getMessage().contains("took longer than 300 ms"), error.getMessage());
    }

    @Test
    void aRenderPastTheDeadlineIsAnsweredAndItsSlotIsFreeForTheNext() throws Exception {
        // one slot: the second render can only run if the abandoned one gave its slot back
        Engine engine = new Engine(TestSettings.defaults().withLimits(300, 100_000), 1);

        RenderLimitException error = assertThrows(RenderLimitException.class,
                () -> engine.toPdf(new RenderRequest(Manifests.longMarkdown(1_000_000), null, "Huge")));

        assertTrue(error.getMessage().contains("took longer than 300 ms"), error.getMessage());
        assertTrue(SamplePdfs.text(engine.toPdf(new RenderRequest("# Next", null, "Next"))).contains("Next"));
    }

    @Test
    void aRenderRequestPastTheDeadlineIsUnprocessableNotRetryable() throws Exception {
        Engine engine = new Engine(TestSettings.defaults().withLimits(300, 100_000), 1);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(JSON.writeValueAsString(
                JSON.createObjectNode().put("markdown", Manifests.longMarkdown(1_000_000))));

        engine.render(exchange);

        assertEquals(422, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String message = JSON.readTree(exchange.getMessage().getBody(byte[].class)).get("message").asText();
        assertTrue(message.contains("took longer than 300 ms"), message);
    }

    @Test
    void aTextOverTheDocumentSizeIsTooLarge() throws Exception {
        Engine engine = new Engine(TestSettings.defaults(), 1, 1000L);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(JSON.writeValueAsString(
                JSON.createObjectNode().put("markdown", "é".repeat(501))));

        engine.render(exchange);

        assertEquals(413, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String message = JSON.readTree(exchange.getMessage().getBody(byte[].class)).get("message").asText();
        assertEquals("the markdown has 1002 bytes, more than sluice.document.max-bytes=1000", message);
    }

    @Test
    void aPdfOverThePageLimitIsRefusedBeforeAnyPageIsDrawn() throws Exception {
        Engine engine = new Engine(TestSettings.defaults().withLimits(60_000, 3), 1);
        Path pdf = Files.write(folder.resolve("six.pdf"), SamplePdfs.letterPages(6));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RenderLimitException error = assertThrows(RenderLimitException.class,
                () -> engine.toImages(pdf, ImageFormat.JPEG, out));

        assertEquals("the document has 6 pages, more than sluice.engine.max-pages=3", error.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void aConversionPastTheDeadlineStopsStartingPages() throws Exception {
        Engine engine = new Engine(TestSettings.defaults().withLimits(1, 100_000), 1);
        Path pdf = Files.write(folder.resolve("many.pdf"), SamplePdfs.letterPages(200));

        RenderLimitException error = assertThrows(RenderLimitException.class,
                () -> engine.toImages(pdf, ImageFormat.PNG, OutputStream.nullOutputStream()));

        assertTrue(error.getMessage().contains("took longer than 1 ms"), error.getMessage());
    }

    @Test
    void theWriterGetsTheDeadlineWhenNoPageComesInTime() throws Exception {
        PageRun run = new PageRun(3, 3, RenderDeadline.in(50));

        assertThrows(RenderLimitException.class, run::next);
        assertEquals(-1, run.take(), "workers take no further page");
    }
}
