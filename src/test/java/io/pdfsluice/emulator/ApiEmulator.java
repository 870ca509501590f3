package io.pdfsluice.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A hosted, rate-limited PDF API on loopback: Blink's {@code POST /v1/render}, FUNBREW's, pdfRelay's and Gotenberg's
 * routes (see {@link Profiles}) and ChangeThisFile's
 * {@code POST /v1/convert?target=pdf|jpg|png} (also as async jobs: {@code POST /v1/jobs?target=jpg|png}, then
 * {@code GET /v1/jobs/{id}} and {@code GET /v1/jobs/{id}/download}, which are never counted), with per-key sliding windows, a
 * quota, latency and a deterministic
 * fault script. Configuration methods return this emulator so they chain; all of them are thread-safe.
 */
public final class ApiEmulator implements AutoCloseable {

    private static final int WORKERS = 512;

    private final HttpServer server;
    private final ExecutorService workers;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Admission admission = new Admission();
    private final Tally tally = new Tally();
    private final Renders renders = new Renders();
    private final Jobs jobs = new Jobs();
    private final ScriptedAnswers scripted = new ScriptedAnswers();
    private final Profiles profiles = new Profiles();
    private volatile boolean retryAfterInBodyOnly;
    private volatile String claimedRenderMs;
    private volatile byte[] lastRateLimitedBody = new byte[0];
    private Storage storage; // started by downloadsOnOtherOrigin(), guarded by this
    private volatile long startedAt = System.currentTimeMillis();

    static {
        // The JDK server closes idle keep-alive connections beyond 200, which a client with 256 connections then
        // finds closed on reuse (NoHttpResponseException): the emulator is to measure the client, not that reaping.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "2048");
        }
    }

    private ApiEmulator() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 1024);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "api-emulator-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        workers = pool;
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    public static ApiEmulator start() {
        try {
            ApiEmulator emulator = new ApiEmulator();
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the API emulator on loopback", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Ends every request still in flight (hung ones included) without an answer, then the server. */
    public void stop() {
        stopping.countDown();
        synchronized (this) {
            if (storage != null) {
                storage.stop();
            }
        }
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public ApiEmulator requireKey(String apiKey) {
        admission.requireKey(apiKey);
        return this;
    }

    public ApiEmulator revokeKey() {
        admission.revokeKey();
        return this;
    }

    /** Replaces the windows; the first one names the X-RateLimit-* headers. None configured: unlimited, no headers. */
    public ApiEmulator limits(Window... limits) {
        admission.windows.limits(List.of(limits));
        return this;
    }

    public ApiEmulator quota(long monthly) {
        admission.windows.quota(monthly);
        return this;
    }

    public ApiEmulator latency(long meanMs, long jitterMs, long seed) {
        admission.faults.latency(meanMs, jitterMs, seed);
        return this;
    }

    public ApiEmulator failEvery(int n, int status) {
        admission.faults.failEvery(n, status);
        return this;
    }

    public ApiEmulator failRate(double p, int status, long seed) {
        admission.faults.failRate(p, status, seed);
        return this;
    }

    /** 503 for requests arriving in [from, to) ms after start (or after the last {@link #reset()}). */
    public ApiEmulator outage(long fromMsAfterStart, long toMsAfterStart) {
        admission.faults.outage(startedAt + fromMsAfterStart, startedAt + toMsAfterStart);
        return this;
    }

    public ApiEmulator outageNow(long durationMs) {
        long now = System.currentTimeMillis();
        admission.faults.outage(now, now + durationMs);
        return this;
    }

    /** Every n-th admitted request waits hangMs before its answer; hangMs < 0 never answers until {@link #stop()}. */
    public ApiEmulator hangEvery(int n, long hangMs) {
        admission.faults.hangEvery(n, hangMs);
        return this;
    }

    /** Admitted requests matching p never get an answer, until {@link #stop()}. */
    public ApiEmulator hangIf(Predicate<Recorded> p) {
        admission.faults.hangIf(p);
        return this;
    }

    /** Every n-th admitted request has its connection closed before any byte of a response. */
    public ApiEmulator resetEvery(int n) {
        admission.faults.resetEvery(n);
        return this;
    }

    /** Admitted requests matching p get status with a JSON error (the predicate sees status 0). */
    public ApiEmulator rejectIf(Predicate<Recorded> p, int status, String message) {
        admission.faults.rejectIf(p, status, message);
        return this;
    }

    /**
     * Job polls answer "pending", then "running", and "done" on the n-th poll (default 2; n <= 1: done at once).
     */
    public ApiEmulator jobsDoneAfterPolls(int n) {
        jobs.doneAfterPolls(n);
        return this;
    }

    /** Jobs whose submission matches p end "failed" with this error, on the poll that would have made them done. */
    public ApiEmulator failJobsIf(Predicate<Recorded> p, String error) {
        jobs.failIf(p, error);
        return this;
    }

    /** Jobs whose submission matches p never finish: "running" from the second poll on, forever. */
    public ApiEmulator neverFinishJobsIf(Predicate<Recorded> p) {
        jobs.neverFinishIf(p);
        return this;
    }

    /**
     * Admitted conversion requests matching p are answered with exactly this status, Content-Type and body, whatever
     * they asked for: how a test makes the API send a hostile archive or an answer whose label lies.
     */
    public ApiEmulator answerIf(Predicate<Recorded> p, int status, String contentType, byte[] body) {
        scripted.add(p, status, contentType, body);
        return this;
    }

    /**
     * Every answer, a 429 too, also carries this header with this value (replacing the emulator's own), until
     * reset(): how a test sends what some vendor does and the emulator never would, e.g. X-Quota-Remaining: -1.
     */
    public ApiEmulator alsoSend(String header, String value) {
        scripted.header(header, value);
        return this;
    }

    /**
     * Answers to admitted requests matching p are sent at this many bytes a second, head at once, body in tenths of
     * that every 100 ms (a slowloris API: each read gets a byte soon, so no read times out). Until reset().
     */
    public ApiEmulator trickleIf(Predicate<Recorded> p, long bytesPerSecond) {
        scripted.trickle(p, bytesPerSecond);
        return this;
    }

    /**
     * Finished jobs name a pre-signed download_url on another origin (a second loopback server, another port),
     * which answers 400 to a request carrying an Authorization header, as S3 does. Until {@link #reset()}.
     */
    public synchronized ApiEmulator downloadsOnOtherOrigin() {
        if (storage == null) {
            try {
                storage = new Storage(jobs, renders);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the storage origin on loopback", e);
            }
        }
        jobs.downloadUrls(storage::urlOf);
        return this;
    }

    /**
     * The API's own download of a finished job answers 302 to its pre-signed URL on the other origin (as
     * {@link #downloadsOnOtherOrigin()} names it), as APIs that hand results off to storage do. Until reset().
     */
    public synchronized ApiEmulator redirectDownloadsToOtherOrigin() {
        downloadsOnOtherOrigin();
        jobs.downloadUrls(null);
        jobs.redirectDownloads(storage::urlOf);
        return this;
    }

    /** Finished jobs name this download_url (given the job id), whatever it is: hostile URLs. Until reset(). */
    public ApiEmulator downloadUrls(Function<String, String> urlOfJob) {
        jobs.downloadUrls(urlOfJob);
        return this;
    }

    /** What the other origin of {@link #downloadsOnOtherOrigin()} received (header names in lower case). */
    public synchronized List<Recorded> otherOriginRequests() {
        return storage == null ? List.of() : storage.received();
    }

    /**
     * A job submitted with a callback_url is called back as soon as it has ended, with X-Signature: sha256=HMAC of
     * the body under this secret (null: unsigned). Until reset().
     */
    public ApiEmulator callBackJobs(String secret) {
        jobs.callBack(secret);
        return this;
    }

    /** The X-Signature header a callback with this body carries when signed with this secret. */
    public static String callbackSignature(String secret, String body) {
        return Jobs.signature(secret, body);
    }

    /** The statuses the client answered the job callbacks with (0: no answer). */
    public List<Integer> callbackAnswers() {
        return jobs.callbackAnswers();
    }

    /** Jobs accepted (answered 202). */
    public int jobsSubmitted() {
        return jobs.submitted();
    }

    /** Polls of known jobs that passed the key check (downloads are not polls). */
    public int jobPolls() {
        return jobs.polls();
    }

    public List<Recorded> requests() {
        return tally.requests();
    }

    public int count(int status) {
        return tally.count(status);
    }

    public int successes() {
        return tally.successes();
    }

    public int maxSuccessesInAnyWindow(long windowMs) {
        return tally.maxSuccessesInAnyWindow(windowMs);
    }

    /** Requests that passed the limiter, whatever they were answered. */
    public int maxAcceptedInAnyWindow(long windowMs) {
        return tally.maxAdmittedInAnyWindow(windowMs);
    }

    public int duplicateSuccesses() {
        return tally.duplicateSuccesses();
    }

    /** Every render answers the same small PDF, made once: an instant endpoint (benchmarks). reset() ends it. */
    public ApiEmulator sameAnswerEveryTime() {
        renders.sameAnswerEveryTime(true);
        return this;
    }

    /**
     * The 429 is the only sign of the limit: no answer carries X-RateLimit-* or quota headers, and a 429 says how
     * long to wait in its JSON body only, with no Retry-After header (until reset()).
     */
    public ApiEmulator retryAfterInBodyOnly() {
        retryAfterInBodyOnly = true;
        return this;
    }

    /**
     * Every successful answer claims {@code claim} as its X-Render-Ms, whatever the work took (null: the real time):
     * a lying or skewed server, e.g. "600000" or "-5" or "soon".
     */
    public ApiEmulator claimsRenderMs(String claim) {
        claimedRenderMs = claim;
        return this;
    }

    /** The X-Render-Ms an answer claims: the time the work took, unless {@link #claimsRenderMs} says otherwise. */
    String renderMs(long tookMs) {
        String claim = claimedRenderMs;
        return claim != null ? claim : Long.toString(tookMs);
    }

    /** The body of the last 429 for the rate limit (not the quota) that was sent. */
    public byte[] lastRateLimitedBody() {
        return lastRateLimitedBody;
    }

    void rateLimited(byte[] body) {
        lastRateLimitedBody = body;
    }

    /** pdfRelay batch items whose html matches fail alone with that status (until reset()). */
    public ApiEmulator failBatchItemsIf(Predicate<String> html, int status) {
        profiles.failBatchItemsIf(html, status);
        return this;
    }

    /** pdfRelay batch items whose html matches answer success with a GIF as their "pdf" (until reset()). */
    public ApiEmulator lieInBatchItemsIf(Predicate<String> html) {
        profiles.lieInBatchItemsIf(html);
        return this;
    }

    /** The ids of every batch item converted, in order, repeats included. */
    public List<String> batchItemsConverted() {
        return profiles.batchItems();
    }

    /** The number of items of every batch answered, in order. */
    public List<Integer> batchSizes() {
        return profiles.batchSizes();
    }

    /** Back to a fresh start: no records, limits, quota, latency, faults, key or jobs; outages count from now. */
    public void reset() {
        profiles.clear();
        retryAfterInBodyOnly = false;
        claimedRenderMs = null;
        renders.sameAnswerEveryTime(false);
        admission.clear();
        tally.clear();
        jobs.clear();
        scripted.clear();
        synchronized (this) {
            if (storage != null) {
                storage.clear();
            }
        }
        startedAt = System.currentTimeMillis();
    }

    private void serve(HttpExchange exchange) {
        Conversation conversation = new Conversation(this, exchange);
        try {
            conversation.run();
        } catch (IOException gone) {
            // the client hung up; nothing left to tell it
        } catch (RuntimeException broken) {
            conversation.failed(broken);
        } finally {
            exchange.close();
        }
    }

    Admission.Turn admit(Recorded received) {
        return admission.admit(received);
    }

    /** Waits, unless the emulator stops first; false when it did. */
    boolean pause(long ms) {
        try {
            return ms <= 0 ? stopping.getCount() > 0 : !stopping.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void hangUntilStopped() {
        try {
            stopping.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Admission.Pass pass(Recorded received) {
        return admission.pass(received);
    }

    Profiles profiles() {
        return profiles;
    }

    /** False while {@link #retryAfterInBodyOnly()}: no Retry-After, X-RateLimit-* or quota headers. */
    boolean sendsRetryAfterHeader() {
        return !retryAfterInBodyOnly;
    }

    ScriptedAnswers scripted() {
        return scripted;
    }

    Jobs jobs() {
        return jobs;
    }

    Tally tally() {
        return tally;
    }

    Renders renders() {
        return renders;
    }
}
