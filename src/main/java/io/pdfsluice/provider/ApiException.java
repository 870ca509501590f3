package io.pdfsluice.provider;

/** The API answered with an error status; subclasses say what pdf-sluice does about it. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 408 or 5xx: worth another attempt after a backoff. */
    public static class Unavailable extends ApiException {
        public Unavailable(int status, String message) {
            super(status, message);
        }
    }

    /** 400, 413, 422 and other 4xx: this document will never succeed as it is; dead-lettered at once. */
    public static class Rejected extends ApiException {
        public Rejected(int status, String message) {
            super(status, message);
        }
    }

    /** 401 or 403: every document would fail; consumption stops and the inputs stay for later. */
    public static class Unauthorized extends ApiException {
        public Unauthorized(int status, String message) {
            super(status, message);
        }
    }

    /** 429: not the document's fault; it waits (every sender waits) and tries again without using up a retry. */
    public static class RateLimited extends ApiException {
        private final long retryAfterMs;

        public RateLimited(String message, long retryAfterMs) {
            super(429, message);
            this.retryAfterMs = retryAfterMs;
        }

        public long retryAfterMs() {
            return retryAfterMs;
        }
    }
}
