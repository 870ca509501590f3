package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

/** The whole-answer bound: a trickle past the deadline fails; a fast body goes on, however late its head came. */
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
}
