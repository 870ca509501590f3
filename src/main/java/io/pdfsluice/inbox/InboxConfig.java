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

    /** sluice.document.*: the intake's bounds on one document. */
    Limits document();

    interface Limits {

        /** A Markdown or HTML document larger than this (in UTF-8 bytes) fails at intake. */
        long maxBytes();

        /** A PDF to be turned into page images larger than this fails at intake. */
        long maxPdfBytes();
    }
}
