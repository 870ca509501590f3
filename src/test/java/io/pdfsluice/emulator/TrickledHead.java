package io.pdfsluice.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API that takes every request whole, then sends its answer's status line and headers a byte at a time,
 * each byte well inside any socket timeout: what no HTTP server library sends, and a broken proxy or a hostile API
 * may. The head is 20,000 bytes long, so one answer takes {@code 20,000 × byteEveryMs} to finish: bounded, but past
 * any test's patience. With no trickle it is an honest server that keeps its connections alive. Closing it closes
 * every connection.
 */
public final class TrickledHead implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final long byteEveryMs;

    private TrickledHead(long byteEveryMs) throws IOException {
        this.byteEveryMs = byteEveryMs;
        Thread accept = new Thread(this::accept, "trickled-head-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Starts it on a free loopback port; {@code byteEveryMs} 0 sends each head at once (an honest server). */
    public static TrickledHead start(long byteEveryMs) throws IOException {
        return new TrickledHead(byteEveryMs);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The requests taken whole so far. */
    public int requests() {
        return requests.get();
    }

    /** The connections accepted so far. */
    public int connections() {
        return connections.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread answer = new Thread(() -> answer(socket), "trickled-head-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            // an honest server keeps the connection for the next request; a trickling one answers one and closes
            for (int n = 0; n < 1_000; n++) {
                String request = readHead(in);
                if (request.isEmpty()) {
                    return; // the client closed it
                }
                in.skipNBytes(contentLength(request));
                requests.incrementAndGet();
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
                byte[] head = ("HTTP/1.1 200 OK\r\nX-Padding: " + "x".repeat(20_000) + "\r\n"
                        + (byteEveryMs == 0 ? "" : "Connection: close\r\n") + "Content-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                if (byteEveryMs == 0) {
                    out.write(head);
                } else {
                    for (byte b : head) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(byteEveryMs);
                    }
                }
                out.write(body);
                out.flush();
                if (byteEveryMs != 0) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client gave up (what the test wants), or the server closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0 && head.length() < 65_536;) {
            head.append((char) b);
        }
        return head.toString();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
