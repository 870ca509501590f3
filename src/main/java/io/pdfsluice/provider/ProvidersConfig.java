package io.pdfsluice.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Providers beside the default one (sluice.provider, sluice.api.*, sluice.plan.*), each under its own name in
 * {@code sluice.providers.<name>.*} with its own profile, URL, key and plan, and the kinds of document routed to it;
 * and {@code sluice.fallback}, what a document does while its provider cannot take it.
 */
@ConfigMapping(prefix = "sluice")
public interface ProvidersConfig {

    /** sluice.providers.&lt;name&gt;.*: the named providers; none by default. */
    Map<String, Named> providers();

    /**
     * sluice.fallback: {@code wait} (a document waits for its provider's breaker to close or its quota to renew) or
     * {@code local} (it goes to the embedded engine meanwhile, when the engine can render it).
     */
    String fallback();

    /** One named provider. */
    interface Named {

        /** Its profile: local, blink, changethisfile, funbrew, pdfrelay, gotenberg or custom. */
        String profile();

        /** Its base URL; required but for local. */
        Optional<String> url();

        /** Its key, sent to its own origin only; never logged. */
        Optional<String> key();

        /**
         * Its plan (a preset of its profile); unset: learned from its answers for a hosted API (custom with limits), engine for
         * local and gotenberg.
         */
        Optional<String> plan();

        /** Its windows, as sluice.plan.limits reads them, e.g. 60/60s,1000/1h. */
        Optional<String> limits();

        /** The conversions its plan includes per period (a warning at 80 % used). */
        Optional<Long> quota();

        /** The time zone of its calendar windows; sluice.plan.zone unless set. */
        Optional<String> zone();

        /** The kinds of document routed to it: markdown, html, pdf. */
        Optional<List<String>> kinds();

        /** sluice.providers.&lt;name&gt;.api.path, body, template, auth, …: its shape, as sluice.api.* for the default. */
        @WithName("api")
        ApiConfig.Request request();
    }
}
