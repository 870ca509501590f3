package io.pdfsluice.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.io.Closer;
import org.apache.hc.core5.util.Timeout;

/**
 * Bounds the whole answer, not each read: a call's response timeout is a socket timeout, which an API that sends
 * one byte a second never trips, so such an answer held its document (and a run-once) for ever. Past the call's
 * response timeout, counted from the request, an answer still arriving goes on only while its body comes at
 * {@link #MIN_BYTES_PER_S} or more on average, judged over at least {@link #GRACE_NANOS} of it (a large download on a
 * slow link does, and so does a fast body whose head came late, after a long upload); else the read fails as a
 * {@link SocketTimeoutException}, the timeout it is, retried and counted like one. The failed read discards the
 * connection (the client's stream does, on an exception), so the rest is not read at the same trickle.
 * <p>
 * The answer's head is bounded the same way ({@link Head}): a status line or headers sent a byte at a time never trip
 * the socket timeout either. The head must have come within the timeout, plus the time the request's body takes at
 * {@link #MIN_BYTES_PER_S}, plus {@link #GRACE_NANOS}, from when the request began to go out; else the connection is
 * closed under it and the call fails as a timeout. (A request without a body, a job's poll or download, has the
 * timeout and the second; every body we send has a known length: one of unknown length would be left to the socket
 * timeout.)
 */
final class AnswerDeadline {

    /** The slowest body an answer past its timeout may still send: 64 KiB/s. */
    static final long MIN_BYTES_PER_S = 64 * 1024;
    /** How much of the body the rate is judged over, at least: 1 s. */
    static final long GRACE_NANOS = 1_000_000_000L;
    private static final String SENT = "sluice.requestSent";

    private AnswerDeadline() {
    }

    static void install(HttpClientBuilder client) {
        // around the transport alone: after the connection is made (it has its own timeout), once for each request
        // of a call (a redirect's too)
        client.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "sluice-answer-head", new Head());
        client.addRequestInterceptorFirst((request, entity, context) -> context.setAttribute(SENT, System.nanoTime()));
        client.addResponseInterceptorLast((response, entity, context) -> {
            RequestConfig config = HttpClientContext.castOrCreate(context).getRequestConfig();
            Timeout timeout = config == null ? null : config.getResponseTimeout();
            if (!(response instanceof ClassicHttpResponse classic) || classic.getEntity() == null
                    || !(context.getAttribute(SENT) instanceof Long sent) || timeout == null || timeout.isDisabled()) {
                return;
            }
            classic.setEntity(new Bounded(classic.getEntity(), sent + timeout.toNanoseconds(), timeout.toMilliseconds()));
        });
    }

    /** An entity whose content stream fails once past the deadline, unless its body keeps coming fast enough. */
    static final class Bounded extends HttpEntityWrapper {
        private final long deadlineNanos;
        private final long timeoutMs;

        Bounded(HttpEntity entity, long deadlineNanos, long timeoutMs) {
            super(entity);
            this.deadlineNanos = deadlineNanos;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new Stream(super.getContent(), deadlineNanos, timeoutMs);
        }
    }

    static final class Stream extends FilterInputStream {
        private final long deadlineNanos;
        private final long timeoutMs;
        private final long openedNanos = System.nanoTime();
        private long bytes;

        Stream(InputStream in, long deadlineNanos, long timeoutMs) {
            super(in);
            this.deadlineNanos = deadlineNanos;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            bytes += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            int n = super.read(buffer, offset, length);
            bytes += Math.max(0, n);
            return n;
        }

        private void check() throws SocketTimeoutException {
            long now = System.nanoTime();
            if (now - deadlineNanos <= 0 || now - openedNanos < GRACE_NANOS) {
                return;
            }
            double seconds = (now - openedNanos) / 1e9;
            if (bytes / seconds < MIN_BYTES_PER_S) {
                throw new SocketTimeoutException("the answer was still arriving " + timeoutMs + " ms after the request, "
                        + "at " + Math.round(bytes / seconds) + " bytes/s (" + bytes + " bytes so far)");
            }
        }
    }

    /** Closes the connection under a request whose answer's head has not come by its deadline. */
    static final class Head implements ExecChainHandler {

        private static final int WAITING = 0;
        private static final int CAME = 1;
        private static final int LATE = 2;

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
                throws IOException, HttpException {
            RequestConfig config = scope.clientContext.getRequestConfig();
            Timeout timeout = config == null ? null : config.getResponseTimeout();
            long upload = request.getEntity() == null ? 0 : request.getEntity().getContentLength();
            if (timeout == null || timeout.isDisabled() || upload < 0) { // a body of unknown length: no bound to give
                return chain.proceed(request, scope);
            }
            long allowedMs = timeout.toMilliseconds() + GRACE_NANOS / 1_000_000 + upload * 1000 / MIN_BYTES_PER_S;
            // one of two wins: the head (the call goes on) or the deadline (the connection is closed under it)
            AtomicInteger state = new AtomicInteger(WAITING);
            ScheduledFuture<?> watch = Watch.EXECUTOR.schedule(() -> {
                if (state.compareAndSet(WAITING, LATE)) {
                    scope.execRuntime.discardEndpoint(); // the read that waits for the head fails at once
                }
            }, allowedMs, TimeUnit.MILLISECONDS);
            ClassicHttpResponse response;
            try {
                response = chain.proceed(request, scope);
            } catch (IOException e) {
                if (state.get() == LATE) {
                    throw late(allowedMs, timeout, e);
                }
                throw e;
            } finally {
                watch.cancel(false);
            }
            if (!state.compareAndSet(WAITING, CAME)) { // the head came as its connection was being closed
                Closer.closeQuietly(response); // closed, not drained: its socket is gone
                throw late(allowedMs, timeout, null);
            }
            return response;
        }

        private static SocketTimeoutException late(long allowedMs, Timeout timeout, IOException cause) {
            SocketTimeoutException e = new SocketTimeoutException("the answer's head had not come " + allowedMs
                    + " ms after the request (a response timeout of " + timeout.toMilliseconds() + " ms)");
            e.initCause(cause);
            return e;
        }
    }

    /** One daemon thread for every request's head deadline, made at the first request. */
    private static final class Watch {
        static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "answer-head-deadline");
            thread.setDaemon(true);
            return thread;
        });

        static {
            EXECUTOR.setRemoveOnCancelPolicy(true);
        }
    }
}
