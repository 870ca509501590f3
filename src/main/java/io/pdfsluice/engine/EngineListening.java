package io.pdfsluice.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.DomainSocketServerStart;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;

/**
 * Whether the HTTP server, which serves the embedded engine's API, listens yet. Camel starts the inbox before
 * Quarkus opens the port, so the first documents of a run used to meet a refused connection, open the breaker and
 * wait out its 5 s: a request to the engine waits for the port instead. Quarkus tells it by an event for each kind
 * of listener (fired asynchronously). Where none comes within {@value #MAX_WAIT_S} s (no listener, or one reused by
 * a dev-mode reload), the wait ends for good and requests go, failing as to any unreachable API.
 */
@ApplicationScoped
public class EngineListening {

    private static final Logger LOG = Logger.getLogger(EngineListening.class);
    static final long MAX_WAIT_S = 30;

    private final CountDownLatch listening = new CountDownLatch(1);

    void http(@ObservesAsync HttpServerStart event) {
        listening.countDown();
    }

    void https(@ObservesAsync HttpsServerStart event) {
        listening.countDown();
    }

    void domainSocket(@ObservesAsync DomainSocketServerStart event) {
        listening.countDown();
    }

    /** Returns once the port is open (at once after that, or after the first wait that timed out). */
    public void await() throws InterruptedException {
        if (!listening.await(MAX_WAIT_S, TimeUnit.SECONDS) && listening.getCount() > 0) {
            listening.countDown();
            LOG.warnf("The HTTP server did not report listening within %d s; requests to the engine go anyway",
                    MAX_WAIT_S);
        }
    }
}
