package io.pdfsluice.provider;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** sluice.jobs.*: which PDFs go through the API's async jobs endpoint, and how their jobs are awaited. */
@ConfigMapping(prefix = "sluice.jobs")
public interface JobsConfig {

    /** A PDF at least this large (bytes) is submitted as a job. */
    long minBytes();

    /** A PDF with at least this many pages is submitted as a job. */
    int minPages();

    /** A Markdown or HTML document at least this large (bytes) goes to the API's async conversions, if it has them. */
    long minTextBytes();

    /** The pause before the first poll of a job. An internal: operators have no reason to set it. */
    @WithDefault("1000")
    long pollMs();

    /** The longest pause between two polls; each pause is 1.5 times the last up to this. An internal. */
    @WithDefault("10000")
    long pollMaxMs();

    /** A job not done this long after its submission fails the attempt: the document is submitted again. */
    long timeoutMs();

    /**
     * Where the API is to call back when a job has ended: this app's own /callbacks/jobs as the API can reach it,
     * e.g. https://sluice.example.com/callbacks/jobs. Unset: jobs are polled.
     */
    Optional<String> callbackUrl();

    /**
     * The secret the API signs its callbacks with (X-Signature: sha256=HMAC-SHA256(secret, body), in hex). Set, an
     * unsigned or wrongly signed callback is refused with 401. Never logged.
     */
    Optional<String> callbackSecret();

    /** How long a job waits for its callback before it is polled after all. */
    @WithDefault("60000")
    long callbackWaitMs();
}
