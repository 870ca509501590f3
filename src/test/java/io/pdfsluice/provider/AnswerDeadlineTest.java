package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.TrickledHead;

/**
 * The whole-answer bound: a trickle past the deadline fails, in the body or in the head; a fast body goes on, however
 * late its head came.
 */
class AnswerDeadlineTest {

    private static final long PASSED = System.nanoTime() - 60_000_000_000L; // a deadline a minute ago

    @Test
    void aFastBodyWhoseHeadCameAfterTheDeadlineIsReadWhole() throws IOException {
        byte[] body = new byte[4 * 1024 * 1024];
        new java.util.Random(7).nextBytes(body);
        try (InputStream in = new AnswerDeadline.Stream(new ByteArrayInputStream(body), PASSED, 1500)) {
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    void aTrickleFailsAsATimeoutOnceItsRateIsJudged() {
        long start = System.nanoTime();
        InputStream trickle = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return 'x';
            }
        };
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> {
            try (InputStream in = new AnswerDeadline.Stream(trickle, PASSED, 1500)) {
                for (int i = 0; i < 1000; i++) { // 20 s at most, if it never failed
                    in.read();
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("the answer was still arriving 1500 ms after the request"), e.getMessage());
        assertTrue(seconds >= 1, "judged over its first second at least: " + seconds);
    }

    @Test
    void beforeTheDeadlineATrickleIsLeftToTheSocketTimeout() throws IOException {
        long future = System.nanoTime() + 60_000_000_000L;
        try (InputStream in = new AnswerDeadline.Stream(new ByteArrayInputStream(new byte[10]), future, 1500)) {
            org.junit.jupiter.api.Assertions.assertEquals(10, in.readAllBytes().length);
        }
    }

    @Test
    void aHeadSentAByteAtATimeFailsAsATimeoutOnceItsDeadlineHasPassed() throws Exception {
        // a byte every 50 ms never trips a 500 ms socket timeout: before the head's bound, this call took 1,000 s
        try (TrickledHead api = TrickledHead.start(50); CloseableHttpClient client = client()) {
            long start = System.nanoTime();
            // bounded here too: without the bound the call would not end before the test's time runs out
            SocketTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                    SocketTimeoutException.class,
                    () -> client.execute(post(api.url()), r -> EntityUtils.toString(r.getEntity()))));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().startsWith("the answer's head had not come 1500 ms after the request (a response "
                    + "timeout of 500 ms)"), e.getMessage());
            assertTrue(seconds >= 1.4 && seconds < 10, "failed at its deadline: " + seconds + " s");
            assertEquals(1, api.requests(), "the request was taken whole");
        }
    }

    @Test
    void aHeadThatComesAtOnceIsReadAsUsual() throws Exception {
        try (TrickledHead api = TrickledHead.start(0); CloseableHttpClient client = client()) {
            for (int i = 0; i < 3; i++) { // the deadline of one call does not close the next one's connection
                assertEquals("{\"ok\":true}", client.execute(post(api.url()), r -> EntityUtils.toString(r.getEntity())));
            }
            Thread.sleep(1_700); // past the deadlines the calls would have had
            assertEquals("{\"ok\":true}", client.execute(post(api.url()), r -> EntityUtils.toString(r.getEntity())));
            assertEquals(4, api.requests());
            assertEquals(1, api.connections(), "one kept-alive connection served them all, past their deadlines");
        }
    }

    private static CloseableHttpClient client() {
        HttpClientBuilder builder = HttpClientBuilder.create().disableAutomaticRetries();
        AnswerDeadline.install(builder);
        return builder.build();
    }

    private static HttpPost post(String url) {
        HttpPost post = new HttpPost(url + "/v1/convert?target=pdf");
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(500)).build());
        post.setEntity(new StringEntity("{\"markdown\":\"# Hi\"}", ContentType.APPLICATION_JSON));
        return post;
    }
}
