package io.pdfsluice.outbox;

import io.smallrye.config.ConfigMapping;

/**
 * Where outputs are written, and what a ZIP of pages may hold ({@code sluice.outbox}, {@code sluice.pages.*}, set
 * in application.properties). The prefix is {@code sluice} because the outbox folder is a key of its own.
 */
@ConfigMapping(prefix = "sluice")
public interface OutboxConfig {

    /** The folder outputs, reports and dead letters are written to. */
    String outbox();

    /** sluice.pages.*: limits on ZIP responses, which are never trusted. */
    Pages pages();

    interface Pages {

        /** An archive with more entries than this is refused. */
        int maxEntries();

        /** The most bytes an archive's pages may unpack to. */
        long maxBytes();

        /** The most an archive may unpack to, as a multiple of its own size (at least 1 MB is always allowed). */
        int maxRatio();
    }
}
