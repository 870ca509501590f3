package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;

class ConversionJobsTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine = new Engine(TestSettings.defaults(), 2);
    private final ConversionJobs jobs = new ConversionJobs(engine, 0, 2);

    @AfterEach
    void stopJobs() {
        jobs.stop();
    }

    @AfterAll
    static void stopCamel() throws IOException {
        CAMEL.close();
    }

    @Test
    void aSubmittedPdfIsConvertedAndDownloadedAsAZip() throws Exception {
        Exchange submit = exchange(SamplePdfs.letterPages(3));
        submit.getMessage().setHeader("Accept", "application/json");
        jobs.submit(submit);

        assertEquals(202, submit.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertNull(submit.getMessage().getHeader("Accept"));
        JsonNode accepted = json(submit.getMessage());
        assertEquals("pending", accepted.get("state").asText());
        String id = accepted.get("job_id").asText();

        JsonNode done = awaitFinished(id);
        assertEquals("done", done.get("state").asText(), done.toString());
        assertEquals("http://sluice.test:8080/v1/jobs/" + id + "/download", done.get("download_url").asText());

        Exchange download = idExchange(id);
        jobs.download(download);
        Message reply = download.getMessage();
        assertEquals(200, reply.getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/zip", reply.getHeader(Exchange.CONTENT_TYPE));
        Buffer body = assertInstanceOf(Buffer.class, reply.getBody());
        assertEquals(List.of("page-001.jpg", "page-002.jpg", "page-003.jpg"), zipEntries(body.getBytes()));
        Path result = download.getProperty(FileReply.FILE, Path.class);
        complete(download);
        assertTrue(Files.exists(result), "a download must not delete the job's result");

        jobs.expireFinished();
        assertFalse(Files.exists(result), "an expired job's result is deleted");
        Exchange expired = idExchange(id);
        jobs.status(expired);
        assertEquals(404, expired.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void anUnknownJobIsNotFound() throws Exception {
        Exchange status = idExchange("no-such-job");
        jobs.status(status);
        assertEquals(404, status.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("not_found", json(status.getMessage()).get("error").asText());

        Exchange download = idExchange("no-such-job");
        jobs.download(download);
        assertEquals(404, download.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void aBodyThatIsNotAPdfBecomesAFailedJob() throws Exception {
        Exchange submit = exchange("<html>surprise</html>");
        jobs.submit(submit);
        assertEquals(202, submit.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String id = json(submit.getMessage()).get("job_id").asText();

        JsonNode failed = awaitFinished(id);
        assertEquals("failed", failed.get("state").asText());
        assertTrue(failed.get("error").asText().startsWith("not a PDF: "), failed.toString());
        assertNull(failed.get("download_url"));

        Exchange download = idExchange(id);
        jobs.download(download);
        assertEquals(404, download.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void anUnknownTargetIsABadRequest() throws Exception {
        Exchange submit = exchange(SamplePdfs.letterPages(1));
        submit.getMessage().setHeader("target", "pdf");
        jobs.submit(submit);
        assertEquals(400, submit.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void convertAnswersInOneBufferAndDeletesItsTemporaryFileAtOnce() throws Exception {
        Exchange convert = exchange(SamplePdfs.letterPages(2));
        convert.getMessage().setHeader("target", "png");

        engine.convert(convert);

        Message reply = convert.getMessage();
        assertEquals("application/zip", reply.getHeader(Exchange.CONTENT_TYPE));
        Buffer body = assertInstanceOf(Buffer.class, reply.getBody());
        assertEquals(List.of("page-001.png", "page-002.png"), zipEntries(body.getBytes()));
        assertFalse(Files.exists(convert.getProperty(FileReply.FILE, Path.class)), "read, then deleted");
    }

    @Test
    void aReplyLargerThanOneWriteIsStreamedFromItsFileDeletedOnCompletion() throws Exception {
        Path file = Files.createTempFile("pdf-sluice-test-", ".zip");
        Files.write(file, zip("page-001.jpg", "page-002.jpg"));
        Exchange reply = exchange(null);

        FileReply.send(reply, "application/zip", file, true, 16);

        FileReply body = assertInstanceOf(FileReply.class, reply.getMessage().getBody());
        assertEquals(List.of("page-001.jpg", "page-002.jpg"), zipEntries(body.readAllBytes()));
        assertTrue(Files.exists(file), "streamed until the exchange completes");
        complete(reply);
        assertFalse(Files.exists(file));
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private JsonNode awaitFinished(String id) throws Exception {
        for (int i = 0; i < 400; i++) {
            Exchange status = idExchange(id);
            status.getMessage().setHeader("Host", "sluice.test:8080");
            jobs.status(status);
            assertEquals(200, status.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            JsonNode json = json(status.getMessage());
            String state = json.get("state").asText();
            if (state.equals("done") || state.equals("failed")) {
                return json;
            }
            Thread.sleep(50);
        }
        return fail("job " + id + " did not finish within 20 s");
    }

    /** What the platform-http consumer does once it has written the reply. */
    private static void complete(Exchange exchange) {
        UnitOfWorkHelper.doneSynchronizations(exchange, exchange.getExchangeExtension().handoverCompletions());
    }

    private static List<String> zipEntries(byte[] bytes) throws IOException {
        List<String> names = new ArrayList<>();
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes));
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            names.add(entry.getName());
        }
        return names;
    }

    private static Exchange idExchange(String id) {
        Exchange exchange = exchange(null);
        exchange.getMessage().setHeader("id", id);
        return exchange;
    }

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static JsonNode json(Message message) throws IOException {
        assertEquals("application/json", message.getHeader(Exchange.CONTENT_TYPE));
        return JSON.readTree(message.getBody(byte[].class));
    }
}
