package io.pdfsluice.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import io.quarkus.vertx.http.HttpServerStart;

/**
 * Whether the HTTP server, which serves the embedded engine's API, listens yet. Camel starts the inbox before
 * Quarkus opens the port, so the first documents of a run used to meet a refused connection, open the breaker and
 * wait out its 5 s: a request to the engine waits for the port instead (up to {@value #MAX_WAIT_S} s, after which
 * it goes and fails as any unreachable API does).
 */
@ApplicationScoped
public class EngineListening {

    static final long MAX_WAIT_S = 30;

    private final CountDownLatch listening = new CountDownLatch(1);

    void started(@ObservesAsync HttpServerStart event) {
        listening.countDown();
    }

    /** Returns once the port is open (at once after that). */
    public void await() throws InterruptedException {
        listening.await(MAX_WAIT_S, TimeUnit.SECONDS);
    }
}
