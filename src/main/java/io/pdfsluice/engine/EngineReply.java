package io.pdfsluice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How the engine's HTTP routes read a request body and answer: a status, a content type, a body or a JSON error. */
final class EngineReply {

    /** The header that tells how long a render took, in milliseconds. */
    static final String RENDER_MS = "X-Render-Ms";

    static final ObjectMapper JSON = new ObjectMapper();

    private EngineReply() {
    }

    static void send(Message message, int status, String contentType, Object body) {
        // The reply goes straight back over HTTP, and platform-http would echo every request header, query
        // parameter and form field in it (a form field that is not a valid header name even fails the response).
        message.removeHeaders("*", "Camel*");
        message.setBody(body);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }

    /** Answers {"error": error, "message": text} with the status. */
    static void error(Message message, int status, String error, String text) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", error).put("message", text));
        send(message, status, "application/json", body);
    }

    /** Copies the request body to the file; false when there is no body at all. */
    static boolean spoolBody(Message message, Path file) throws IOException {
        try (InputStream body = message.getBody(InputStream.class)) {
            if (body == null) {
                return false;
            }
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }

    static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
