package io.pdfsluice.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One asynchronous conversion and its files. Written by the worker running it, read by the HTTP threads: the state
 * is published last, so a reader that sees a final state also sees the result or error.
 */
final class ConversionJob {

    enum State {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    final String id = UUID.randomUUID().toString();
    final ImageFormat format;
    final Path input;
    volatile Path result;
    volatile String mediaType;
    volatile long renderMs;
    private volatile String error;
    private volatile long finishedAt;
    private volatile State state = State.PENDING;

    ConversionJob(ImageFormat format, Path input) {
        this.format = format;
        this.input = input;
    }

    State state() {
        return state;
    }

    void start() {
        state = State.RUNNING;
    }

    void succeed(String resultType, long ms) {
        mediaType = resultType;
        renderMs = ms;
        finish(State.DONE, null);
    }

    void fail(String message) {
        deleteQuietly(result);
        finish(State.FAILED, message);
    }

    boolean finishedBefore(long epochMs) {
        State current = state;
        return (current == State.DONE || current == State.FAILED) && finishedAt <= epochMs;
    }

    /** The status as the jobs API shows it; downloadUrl is only included once the job is done. */
    ObjectNode toJson(String downloadUrl) {
        State current = state;
        ObjectNode json = EngineReply.JSON.createObjectNode()
                .put("job_id", id)
                .put("state", current.name().toLowerCase(Locale.ROOT));
        if (current == State.DONE && downloadUrl != null) {
            json.put("download_url", downloadUrl);
        } else if (current == State.FAILED) {
            json.put("error", error);
        }
        return json;
    }

    void deleteFiles() {
        deleteQuietly(input);
        deleteQuietly(result);
    }

    private void finish(State finalState, String message) {
        error = message;
        finishedAt = System.currentTimeMillis();
        state = finalState;
    }

    static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary file is all this can cost; the OS cleans java.io.tmpdir eventually.
        }
    }
}
