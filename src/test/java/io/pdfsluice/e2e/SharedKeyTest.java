package io.pdfsluice.e2e;

import static io.pdfsluice.e2e.Outputs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.pdfsluice.emulator.ApiEmulator;
import io.pdfsluice.emulator.Recorded;
import io.pdfsluice.emulator.Window;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A key shared with another client (issue 19): the plan says 10/s, and another client takes 5/s of it. The server's
 * X-RateLimit-Remaining, lower than our own log explains, is taken as the window's count, so pdf-sluice slows down to
 * the spare half before the window is full, instead of meeting 429s and pausing at 0.
 */
@QuarkusTest
@QuarkusTestResource(value = HostedApi.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "name", value = "shared-key"), @ResourceArg(name = "limits", value = "10/1s") })
class SharedKeyTest {

    static final Path INBOX = Folders.inbox("shared-key");
    static final Path OUTBOX = Folders.outbox("shared-key");
    static final int DOCUMENTS = 100;

    @Test
    void anotherClientsHalfIsLeftToItWithAtMostOnePercentOf429s() throws Exception {
        ApiEmulator api = HostedApi.freshEmulator();
        api.limits(new Window(10, 1_000)).latency(30, 20, 11);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger otherSent = new AtomicInteger();
        Thread other = new Thread(() -> otherClient(api, done, otherSent), "other-client");
        other.start();
        long start = System.currentTimeMillis();
        try {
            Thread.sleep(1_000); // the other client is at its pace before the batch starts
            Drop.text(INBOX, "shared.jsonl", Manifests.jsonl("sh", DOCUMENTS));
            assertEquals(DOCUMENTS, report(OUTBOX, "shared").get("ok").asInt());
        } finally {
            done.set(true);
            other.join(5_000);
        }
        List<Recorded> ours = api.requests().stream().filter(r -> r.header("x-client") == null).toList();
        List<Recorded> theirs = api.requests().stream().filter(r -> r.header("x-client") != null).toList();
        long our429s = ours.stream().filter(r -> r.status() == 429).count();
        long their429s = theirs.stream().filter(r -> r.status() == 429).count();
        long first = ours.get(0).atMs();
        long last = ours.get(ours.size() - 1).atMs();
        System.out.printf("shared key: %d documents in %.1f s beside another client's %d requests (%d refused); our "
                + "429s %d of %d requests; %.1f s from the start%n", DOCUMENTS, (last - first) / 1000.0,
                theirs.size(), their429s, our429s, ours.size(), (System.currentTimeMillis() - start) / 1000.0);
        assertTrue(our429s * 100 <= ours.size(), our429s + " 429s in " + ours.size() + " requests, at ms "
                + ours.stream().filter(r -> r.status() == 429).map(r -> r.atMs() - first).toList());
        assertEquals(0, api.duplicateSuccesses());
    }

    /** 5 requests a second with the same key, until the batch is done (at most 60 s, 300 requests). */
    static void otherClient(ApiEmulator api, AtomicBoolean done, AtomicInteger sent) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long began = System.currentTimeMillis();
        while (!done.get() && sent.get() < 300 && System.currentTimeMillis() - began < 60_000) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/render"))
                        .header("Authorization", "Bearer " + HostedApi.KEY).header("X-Client", "other")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"markdown\":\"# other " + sent.incrementAndGet()
                                + "\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                // a refused or reset request of the other client is its own affair
            }
        }
    }
}
