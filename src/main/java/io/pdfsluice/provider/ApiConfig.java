package io.pdfsluice.provider;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Which API pdf-sluice calls, where, with which key, for which output (sluice.provider, sluice.api.*, sluice.target).
 * The prefix is {@code sluice} because sluice.provider and sluice.target stand beside the sluice.api group. Every
 * value is an operator's knob: its default, if any, is in application.properties.
 */
@ConfigMapping(prefix = "sluice")
public interface ApiConfig {

    /** The API's shape: local (the embedded engine), blink or changethisfile. */
    String provider();

    /** The hosted API; without its URL, the embedded engine is called. */
    Api api();

    /** The image format PDF pages become: jpg (or jpeg) or png. */
    String target();

    /** The embedded engine's own URL, called when sluice.api.url is not set. */
    @WithName("engine-url")
    String engineUrl();

    /** The key the embedded engine expects when exposed; unset: sluice.api.key. Never logged. */
    @WithName("engine.key")
    Optional<String> engineKey();

    /** sluice.api.*: the hosted API. */
    interface Api {

        /** Its base URL, e.g. https://api.blinkpdf.io; unset: the embedded engine (sluice.engine-url). */
        Optional<String> url();

        /** The Bearer key, sent to the API's own origin only; never logged. */
        Optional<String> key();

        /** Connect timeout of every call (the http component reads it as a placeholder too). */
        long connectTimeoutMs();

        /** Response timeout of every call; a slower answer is a timeout, an outage the breaker counts. */
        long responseTimeoutMs();
    }
}
