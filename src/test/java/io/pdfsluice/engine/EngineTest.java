package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EngineTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine = new Engine(TestSettings.defaults(), 2);

    @AfterAll
    static void stopCamel() throws IOException {
        CAMEL.close();
    }

    @Test
    void markdownRequestIsAnsweredWithAPdf() throws Exception {
        Exchange exchange = exchange("{\"markdown\": \"# Hello\\n\\nΚαλημέρα\", \"metadata\": {\"title\": \"Hi\"}}");

        engine.render(exchange);

        Message reply = exchange.getMessage();
        assertEquals(200, reply.getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/pdf", reply.getHeader(Exchange.CONTENT_TYPE));
        assertNotNull(reply.getHeader(EngineReply.RENDER_MS, Long.class));
        try (PDDocument pdf = Loader.loadPDF(reply.getBody(byte[].class))) {
            assertEquals("Hi", pdf.getDocumentInformation().getTitle());
        }
    }

    @Test
    void htmlRequestAsBytesIsAnsweredWithAPdf() throws Exception {
        Exchange exchange = exchange("{\"html\": \"<p>Привет</p>\"}".getBytes(StandardCharsets.UTF_8));

        engine.render(exchange);

        assertEquals(200, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(SamplePdfs.text(exchange.getMessage().getBody(byte[].class)).contains("Привет"));
    }

    @Test
    void invalidJsonIsABadRequest() throws Exception {
        Exchange exchange = exchange("{\"markdown\": ");

        engine.render(exchange);

        assertError(exchange, 400, "bad_request", "not valid JSON");
    }

    @Test
    void requestHeadersAreNotEchoedInTheReply() throws Exception {
        Exchange exchange = exchange("{\"markdown\": \"x\"}");
        exchange.getMessage().setHeader("{bad", "");
        exchange.getMessage().setHeader("Accept", "application/pdf");

        engine.render(exchange);

        assertNull(exchange.getMessage().getHeader("{bad"));
        assertNull(exchange.getMessage().getHeader("Accept"));
        assertEquals(200, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void aRequestWithoutContentIsABadRequest() throws Exception {
        for (String body : new String[] { "{}", "{\"markdown\": \"\", \"html\": \"  \"}", "[1]", "",
                "{\"markdown\": 5}" }) {
            Exchange exchange = exchange(body);

            engine.render(exchange);

            assertEquals(400, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), body);
        }
    }

    @Test
    void onePagePdfIsConvertedToOneJpeg() throws Exception {
        Exchange exchange = exchange(new ByteArrayInputStream(SamplePdfs.letterPages(1)));

        engine.convert(exchange);

        Message reply = exchange.getMessage();
        assertEquals(200, reply.getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("image/jpeg", reply.getHeader(Exchange.CONTENT_TYPE));
        assertNotNull(reply.getHeader(EngineReply.RENDER_MS));
        assertEquals(1275, ImageIO.read(new ByteArrayInputStream(reply.getBody(byte[].class))).getWidth());
    }

    @Test
    void severalPagesAreConvertedToAZipOfPngs() throws Exception {
        Exchange exchange = exchange(SamplePdfs.letterPages(2));
        exchange.getMessage().setHeader("target", "png");

        engine.convert(exchange);

        Message reply = exchange.getMessage();
        assertEquals("application/zip", reply.getHeader(Exchange.CONTENT_TYPE));
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(reply.getBody(byte[].class)))) {
            assertEquals("page-001.png", zip.getNextEntry().getName());
            assertEquals("page-002.png", zip.getNextEntry().getName());
        }
    }

    @Test
    void pdfIsNotAConversionTarget() throws Exception {
        Exchange exchange = exchange(SamplePdfs.letterPages(1));
        exchange.getMessage().setHeader("target", "pdf");

        engine.convert(exchange);

        assertError(exchange, 400, "bad_request", "unsupported image format 'pdf'");
    }

    @Test
    void aBodyThatIsNotAPdfIsUnprocessable() throws Exception {
        Exchange exchange = exchange("<html>surprise</html>");

        engine.convert(exchange);

        assertError(exchange, 422, "unprocessable", "not a PDF: ");
    }

    @Test
    void warmUpRendersWithoutTrouble() {
        engine.warmUp();
    }

    @Test
    void aRunOnceOfPdfsAloneDoesNotWarmUpTheTypesetter(@TempDir Path inbox) throws IOException {
        Files.createDirectories(inbox.resolve(".done"));
        Files.writeString(inbox.resolve(".part-notes.md"), "# in the making"); // not picked up: hidden
        assertFalse(WarmUp.needed(true, inbox), "nothing to typeset");
        Files.write(inbox.resolve("scan.PDF"), new byte[] { '%', 'P', 'D', 'F' });
        assertFalse(WarmUp.needed(true, inbox), "PDFs alone");
        assertTrue(WarmUp.needed(false, inbox), "a service, a queue, or PDFBox drawing: warmed up");
        Files.writeString(inbox.resolve("letters.jsonl"), "{}");
        assertTrue(WarmUp.needed(true, inbox), "records to typeset");
        assertTrue(WarmUp.needed(true, inbox.resolve("missing")), "an inbox that cannot be read");
    }

    @Test
    void theSettingsDecideWhetherPdfsAloneMaySkipTheWarmUp(@TempDir Path inbox) throws IOException {
        Files.write(inbox.resolve("scan.pdf"), new byte[] { '%', 'P', 'D', 'F' });
        assertFalse(WarmUp.needed("gotenberg", false, false, "auto", inbox), "the engine is not the provider");
        assertTrue(WarmUp.needed("local", false, false, "auto", inbox), "a service");
        assertTrue(WarmUp.needed("local", true, true, "auto", inbox), "a run-once fed by the queue too");
        assertTrue(WarmUp.needed("local", true, false, "pdfbox", inbox), "PDFBox draws: its warm-up is needed");
        assertEquals(PopplerPages.find("auto").isEmpty(), WarmUp.needed("local", true, false, "auto", inbox),
                "PDFs alone, drawn by pdftoppm where it is installed");
    }

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static void assertError(Exchange exchange, int status, String error, String messageStart)
            throws IOException {
        Message reply = exchange.getMessage();
        assertEquals(status, reply.getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", reply.getHeader(Exchange.CONTENT_TYPE));
        JsonNode json = JSON.readTree(reply.getBody(byte[].class));
        assertEquals(error, json.get("error").asText());
        assertTrue(json.get("message").asText().contains(messageStart), json.toString());
    }
}
