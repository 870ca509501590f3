package io.pdfsluice.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: the vendor guide's batch script, translated line for line — a fixed pool of concurrent workers,
 * up to 4 attempts per document with 1, 2, 4 s sleeps after a 429, give up after that (the document is lost).
 */
final class NaiveScript {

    record Result(double wallSeconds, int delivered) {
    }

    private final String url;
    private final String key;
    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    NaiveScript(String url, String key, int concurrency) {
        this.url = url;
        this.key = key;
        this.concurrency = concurrency;
    }

    Result run(int documents) throws InterruptedException {
        AtomicInteger delivered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 1; i <= documents; i++) {
            String body = String.format("{\"markdown\":\"# doc %03d\",\"metadata\":{\"title\":\"doc %03d\"}}", i, i);
            pool.submit(() -> {
                if (render(body)) {
                    delivered.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return new Result((System.nanoTime() - start) / 1e9, delivered.get());
    }

    private boolean render(String body) {
        long delay = 1_000;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/render"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    return true;
                }
                if (r.statusCode() != 429) {
                    return false;
                }
            } catch (Exception e) {
                // network error: back off and try again, as the script does
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            delay *= 2;
        }
        return false;
    }
}
