package io.pdfsluice.inbox;

import java.nio.charset.Charset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The watched folder and what it takes ({@code sluice.inbox}, {@code sluice.inbox.*}, {@code sluice.run-once},
 * {@code sluice.document.*}, set in application.properties). The inbox route reads its polling knobs
 * (min-age-ms, files-in-parallel, poll-ms) as placeholders.
 */
@ConfigMapping(prefix = "sluice")
public interface InboxConfig {

    /** sluice.inbox: the watched folder. */
    @WithName("inbox")
    String folder();

    /** sluice.run-once: process what is in the inbox, then exit (0 when every document succeeded, 1 otherwise). */
    @WithName("run-once")
    boolean runOnce();

    /** sluice.inbox.charset: of inbox text files without a byte-order mark; a BOM wins. */
    @WithName("inbox.charset")
    Charset charset();

    /** sluice.dry-run: read the inbox, call no API, and print what the plans would take (see DryRun). */
    @WithName("dry-run")
    DryRunSettings dryRun();

    interface DryRunSettings {

        /** {@code sluice.dry-run}: true, a dry run instead of a run. */
        @io.smallrye.config.WithParentName
        boolean enabled();

        /** {@code sluice.dry-run.deadline}, e.g. 30m: the dry run names the cheapest plan that finishes in time. */
        java.util.Optional<java.time.Duration> deadline();
    }

    /** sluice.document.*: the intake's bounds on one document. */
    Limits document();

    interface Limits {

        /** A Markdown or HTML document larger than this (in UTF-8 bytes) fails at intake. */
        long maxBytes();

        /** A PDF to be turned into page images larger than this fails at intake. */
        long maxPdfBytes();
    }
}
