package io.pdfsluice.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request written byte for byte to the app on loopback, for what a client library would tidy up: a
 * path that is not normalised, a Content-Length with no body behind it. Returns the status line and headers.
 */
public final class RawRequest {

    private static final int READ_TIMEOUT_MS = 20_000;

    private RawRequest() {
    }

    /**
     * Sends the request line and headers (CRLF-separated, without the blank line; Host: 127.0.0.1 unless they name
     * one) and returns the response head.
     */
    public static String send(int port, String requestLineAndHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            boolean named = requestLineAndHeaders.toLowerCase(java.util.Locale.ROOT).contains("\r\nhost:");
            out.write((requestLineAndHeaders + (named ? "" : "\r\nHost: 127.0.0.1") + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (int b; head.indexOf("\r\n\r\n") < 0 && head.length() < 16_384 && (b = in.read()) >= 0;) {
                head.append((char) b);
            }
            return head.toString();
        }
    }

    /** The status code of a response head. */
    public static int status(String head) {
        String[] parts = head.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new AssertionError("not an HTTP response: " + head);
        }
        return Integer.parseInt(parts[1]);
    }
}
