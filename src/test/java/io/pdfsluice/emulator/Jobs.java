package io.pdfsluice.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.pdfsluice.emulator.Renders.Reply;

/**
 * ChangeThisFile's async jobs: {@code POST /v1/jobs?target=jpg|png} (judged by the limiter like any conversion),
 * then {@code GET /v1/jobs/{id}} polls and {@code GET /v1/jobs/{id}/download}, which only check the key. A job
 * is converted when it is submitted; polls merely reveal it: "pending" on the first poll, "running" after, and
 * "done" (or "failed") on the n-th. Everything is guarded by this object's lock.
 */
final class Jobs {

    static final String PREFIX = "/v1/jobs/";
    private static final String DOWNLOAD = "/download";

    private record Failure(Predicate<Recorded> test, String error) {
    }

    private static final class Job {
        final String id;
        final Recorded submission;
        final Reply result;
        int polls;
        String state = "pending";
        String error;

        Job(String id, Recorded submission, Reply result) {
            this.id = id;
            this.submission = submission;
            this.result = result;
        }
    }

    private final Map<String, Job> jobs = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Predicate<Recorded>> neverFinish = new ArrayList<>();
    private long lastId; // not reset: an id never names two jobs, even across resets
    private int doneAfterPolls = 2;
    private Function<String, String> downloadUrls; // job id -> download_url; null: the API's own /download
    private Function<String, String> redirects; // job id -> where the API's own /download sends the client
    private int submitted;
    private int polls;
    private boolean callBack; // a submission that names a callback_url is called back when its job has ended
    private String callbackSecret; // signs each callback (X-Signature); null: unsigned
    private final List<Integer> callbackAnswers = new ArrayList<>();

    /** GET requests under /v1/jobs/ skip the limiter and the fault script. */
    static boolean isLookup(Recorded request) {
        return request.method().equals("GET") && request.path().startsWith(PREFIX);
    }

    synchronized void doneAfterPolls(int n) {
        doneAfterPolls = n;
    }

    synchronized void failIf(Predicate<Recorded> test, String error) {
        failures.add(new Failure(test, error));
    }

    synchronized void neverFinishIf(Predicate<Recorded> test) {
        neverFinish.add(test);
    }

    synchronized void downloadUrls(Function<String, String> urlOfJob) {
        downloadUrls = urlOfJob;
    }

    synchronized void redirectDownloads(Function<String, String> locationOfJob) {
        redirects = locationOfJob;
    }

    /** Where the API's own download of a finished job redirects to, or null when it answers itself. */
    synchronized String redirectOf(String path) {
        String rest = path.substring(PREFIX.length());
        if (redirects == null || !rest.endsWith(DOWNLOAD)) {
            return null;
        }
        Job job = jobs.get(rest.substring(0, rest.length() - DOWNLOAD.length()));
        return job == null || !job.state.equals("done") ? null : redirects.apply(job.id);
    }

    synchronized int submitted() {
        return submitted;
    }

    synchronized int polls() {
        return polls;
    }

    /** Jobs named with a callback_url are called back at once, signed with this secret (null: unsigned). */
    synchronized void callBack(String secret) {
        callBack = true;
        callbackSecret = secret;
    }

    /** The statuses the client answered our callbacks with, in order (0: no answer). */
    synchronized List<Integer> callbackAnswers() {
        return List.copyOf(callbackAnswers);
    }

    synchronized void clear() {
        callBack = false;
        callbackSecret = null;
        callbackAnswers.clear();
        jobs.clear();
        failures.clear();
        neverFinish.clear();
        doneAfterPolls = 2;
        downloadUrls = null;
        redirects = null;
        submitted = 0;
        polls = 0;
    }

    /** An admitted submission: converted now (outside the lock), answered 202 unless the conversion is refused. */
    Reply submit(Recorded request, String target, String callbackUrl, String baseUrl, Renders renders) {
        String format = target == null ? null : target.toLowerCase(Locale.ROOT);
        if (format == null) {
            return renders.error(400, "The query parameter \"target\" is required (jpg or png).");
        }
        if (!format.equals("jpg") && !format.equals("jpeg") && !format.equals("png")) {
            return renders.error(400, "Unsupported target \"" + target + "\" for a job; use jpg or png.");
        }
        return accept(request, renders.convert(format, request.body()), callbackUrl, baseUrl, renders, false);
    }

    /**
     * An admitted submission whose result is ready (outside the lock): a job, answered 202 with its job_id (and,
     * where the API names it, its status_url), unless the conversion was refused.
     */
    Reply accept(Recorded request, Reply result, String callbackUrl, String baseUrl, Renders renders,
            boolean namesStatusUrl) {
        if (result.status() / 100 != 2) {
            return result;
        }
        String id;
        boolean callingBack;
        synchronized (this) {
            id = "job-" + ++lastId;
            jobs.put(id, new Job(id, request.answered(202), result));
            submitted++;
            callingBack = callBack && callbackUrl != null;
        }
        if (callingBack) {
            Thread caller = new Thread(() -> callBack(id, callbackUrl, baseUrl), "api-emulator-callback");
            caller.setDaemon(true);
            caller.start();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", id);
        body.put("state", "pending");
        if (namesStatusUrl) {
            body.put("status_url", PREFIX + id);
        }
        return renders.json(202, body);
    }

    /** Ends the job as its polls would, then POSTs {"job_id", "state", "download_url" | "error"} to the client. */
    private void callBack(String id, String callbackUrl, String baseUrl) {
        String body;
        String secret;
        synchronized (this) {
            Job job = jobs.get(id);
            if (job == null) {
                return;
            }
            while (!job.state.equals("done") && !job.state.equals("failed") && job.polls < 1_000) {
                advance(job);
            }
            body = "{\"job_id\": \"" + id + "\", \"state\": \"" + job.state + "\", "
                    + (job.state.equals("done") ? "\"download_url\": \"" + (downloadUrls != null ? downloadUrls.apply(id)
                            : baseUrl + PREFIX + id + DOWNLOAD) + "\"}" : "\"error\": \"" + job.error + "\"}");
            secret = callbackSecret;
        }
        int status = 0;
        try {
            var post = HttpRequest.newBuilder(URI.create(callbackUrl))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (secret != null) {
                post.header("X-Signature", signature(secret, body));
            }
            status = HttpClient.newHttpClient()
                    .send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception unreachable) {
            // status 0: the client did not answer
        }
        synchronized (this) {
            callbackAnswers.add(status);
        }
    }

    /** X-Signature of a callback: sha256= and the hex HMAC-SHA256 of its body under the shared secret. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A poll or a download; the key has been checked already. */
    synchronized Reply lookup(String path, String baseUrl, Renders renders) {
        String rest = path.substring(PREFIX.length());
        if (rest.endsWith(DOWNLOAD)) {
            return download(rest.substring(0, rest.length() - DOWNLOAD.length()), renders);
        }
        Job job = rest.contains("/") ? null : jobs.get(rest);
        if (job == null) {
            return renders.error(404, rest.contains("/") ? "No such endpoint: " + path : "No such job: " + rest);
        }
        polls++;
        advance(job);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id);
        body.put("state", job.state);
        if (job.state.equals("done")) {
            body.put("download_url", downloadUrls != null ? downloadUrls.apply(job.id) : baseUrl + PREFIX + job.id + DOWNLOAD);
        }
        if (job.state.equals("failed")) {
            body.put("error", job.error);
        }
        return renders.json(200, body);
    }

    /** A finished job's result, wherever it is served from. */
    synchronized Reply download(String id, Renders renders) {
        Job job = jobs.get(id);
        if (job == null) {
            return renders.error(404, "No such job: " + id);
        }
        if (!job.state.equals("done")) {
            return renders.error(404, "Job " + job.id + " is " + job.state + "; there is nothing to download.");
        }
        return job.result;
    }

    private void advance(Job job) {
        if (job.state.equals("done") || job.state.equals("failed")) {
            return;
        }
        job.polls++;
        if (neverFinish.stream().anyMatch(p -> p.test(job.submission))) {
            job.state = job.polls == 1 ? "pending" : "running";
            return;
        }
        if (job.polls < doneAfterPolls) {
            job.state = job.polls == 1 ? "pending" : "running";
            return;
        }
        for (Failure f : failures) {
            if (f.test().test(job.submission)) {
                job.state = "failed";
                job.error = f.error();
                return;
            }
        }
        job.state = "done";
    }
}
