package io.pdfsluice.status;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The status page (at / on the HTTP port): who may see it, and how much of the pace it remembers. */
@ConfigMapping(prefix = "sluice.status")
public interface StatusConfig {

    /**
     * sluice.status.token: unset, the page answers callers on this host only; set, callers elsewhere see it with
     * HTTP basic auth whose password is this token (any user name).
     */
    Optional<String> token();

    /** sluice.status.history-minutes: how far back the pace chart goes (one sample a second). */
    @WithName("history-minutes")
    @WithDefault("10")
    int historyMinutes();
}
