package io.pdfsluice.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

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

    synchronized void clear() {
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
    Reply submit(Recorded request, String target, Renders renders) {
        String format = target == null ? null : target.toLowerCase(Locale.ROOT);
        if (format == null) {
            return renders.error(400, "The query parameter \"target\" is required (jpg or png).");
        }
        if (!format.equals("jpg") && !format.equals("jpeg") && !format.equals("png")) {
            return renders.error(400, "Unsupported target \"" + target + "\" for a job; use jpg or png.");
        }
        Reply result = renders.convert(format, request.body());
        if (result.status() / 100 != 2) {
            return result;
        }
        String id;
        synchronized (this) {
            id = "job-" + ++lastId;
            jobs.put(id, new Job(id, request.answered(202), result));
            submitted++;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", id);
        body.put("state", "pending");
        return renders.json(202, body);
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
