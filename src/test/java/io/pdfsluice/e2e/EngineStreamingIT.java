package io.pdfsluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The engine's API, as the packaged app serves it, takes a PDF larger than its heap: the body streams to a spool
 * file as it comes. Before, platform-http held the whole body on the heap: a 300 MB one at -Xmx256m gave hundreds of
 * OutOfMemoryErrors on the event loop and no answer at all.
 */
class EngineStreamingIT {

    static final long BODY_BYTES = 200L * 1024 * 1024;

    @Test
    void aPdfLargerThanTheHeapIsAnsweredAndTheEngineGoesOn() throws Exception {
        Path root = RunOnceIT.folders("engine-streaming");
        App app = App.start(root, Map.of("SLUICE_RABBITMQ_PORT", "1", "SLUICE_REDIS_PORT", "1"), "-Xmx128m");
        try {
            // bounded as a whole: a server out of memory stops reading, and a blocked write has no timeout of its own
            assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
                String base = "http://127.0.0.1:" + app.port();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> status(base + "/q/health/ready", null, 0) == 200);
                // a PDF's first bytes, then 200 MB it cannot read: the answer is the engine's, not the heap's
                assertEquals(422, status(base + "/v1/convert", "application/pdf", BODY_BYTES));
                assertEquals(200, status(base + "/v1/render", "application/json", 0), "and it goes on converting");
            });
        } finally {
            app.stop();
        }
        assertFalse(Files.readString(app.log()).contains("OutOfMemoryError"), "see " + app.log());
    }

    /** POSTs a body of {@code zeros} bytes after "%PDF-1.4" (or a small render), streamed; GET without a type. */
    static int status(String url, String contentType, long zeros) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(60_000);
        if (contentType != null) {
            byte[] head = zeros > 0 ? "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)
                    : "{\"markdown\":\"# after\"}".getBytes(StandardCharsets.UTF_8);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", contentType);
            http.setFixedLengthStreamingMode(head.length + zeros);
            try (OutputStream out = http.getOutputStream()) {
                out.write(head);
                byte[] chunk = new byte[1024 * 1024];
                for (long sent = 0; sent < zeros; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, zeros - sent));
                }
            }
        }
        int status = http.getResponseCode();
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        assertTrue(status > 0);
        return status;
    }
}
