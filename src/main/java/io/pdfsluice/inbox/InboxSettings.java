package io.pdfsluice.inbox;

import java.nio.charset.Charset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How inbox files are read. An unknown charset name stops the application at start-up, naming the key. */
@ConfigMapping(prefix = "sluice.inbox")
public interface InboxSettings {

    /** The charset of inbox text files that start without a byte-order mark. */
    @WithDefault("UTF-8")
    Charset charset();
}
