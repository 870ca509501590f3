package io.pdfsluice.provider;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Which API pdf-sluice calls, where, with which key, for which output (sluice.provider, sluice.api.*, sluice.target).
 * The prefix is {@code sluice} because sluice.provider and sluice.target stand beside the sluice.api group. Every
 * value is an operator's knob: its default, if any, is in application.properties.
 */
@ConfigMapping(prefix = "sluice")
public interface ApiConfig {

    /** The API's profile: local (the embedded engine), blink, changethisfile, funbrew, pdfrelay, gotenberg or custom. */
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

    /**
     * sluice.api.timeout.*: a call's response timeout is the {@code quantile} of the recent answer times of its
     * provider and kind times {@code factor}, no less than {@code floor-ms} and no more than response-timeout-ms, once
     * {@code samples} answers are known; a call that times out on it is tried again with response-timeout-ms.
     */
    interface Timeout {

        /** Learn it; false: every call waits response-timeout-ms. */
        boolean learn();

        double quantile();

        double factor();

        long floorMs();

        /** The answers seen before the timeout is learned (until then: response-timeout-ms). */
        int samples();
    }

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

        /** sluice.api.timeout.*: each call's response timeout, learned from the answer times (AnswerTimes). */
        Timeout timeout();

        /**
         * How long a batch request waits for more documents after its first, before it goes with what it has (a
         * full batch goes at once).
         */
        long batchLingerMs();

        /** The request's shape and the answer's conventions: each overrides a part of the profile's preset. */
        @WithParentName
        Request request();
    }

    /**
     * sluice.api.path, body, template, …: the shape of a custom API, or the parts of a preset profile (funbrew,
     * pdfrelay, gotenberg) that an operator changes. Unset: the profile's own.
     */
    interface Request {

        /** Where Markdown and HTML documents are sent, relative to sluice.api.url (e.g. /api/v1/pdf). */
        Optional<String> path();

        /** Where Markdown documents are sent when it differs from sluice.api.path. */
        Optional<String> markdownPath();

        /** POST or PUT. */
        Optional<String> method();

        /** json (the template), multipart (the document as a file part) or raw (the text as the body). */
        Optional<String> body();

        /** For a JSON body: the JSON object to send, e.g. {"html": "{{html}}", "filename": "{{id}}.pdf"}. */
        Optional<String> template();

        /** For a multipart body: the name of the file part. */
        Optional<String> filePart();

        /** true: Markdown is rendered to HTML here first, for an API that takes HTML only. */
        Optional<Boolean> markdownAsHtml();

        /** The Accept header (what the API should answer), e.g. application/pdf. */
        Optional<String> accept();

        /** bearer (Authorization: Bearer key), basic (the key is user:password), header:Name (the key in Name), none. */
        Optional<String> auth();

        /** A JSON pointer into a 429's body that gives the seconds to wait when no Retry-After header came. */
        Optional<String> retryAfterField();

        /** Where a large document's async conversion is submitted (pdfRelay's /v1/pdf/async), for an API that has one. */
        Optional<String> asyncPath();

        /** Where a batch of requests goes (pdfRelay's /v1/batch), for an API that takes them; see BatchRequests. */
        Optional<String> batchPath();

        /** The most documents in one batch request (pdfRelay: 50); 1: every document is a request of its own. */
        Optional<Integer> batchSize();

        /** The names of the API's rate-limit headers, when they are not the usual ones. */
        RateHeaders headers();
    }

    /** sluice.api.headers.*: each unset name is the usual one (X-RateLimit-Limit, …, Retry-After, X-Quota-Remaining). */
    interface RateHeaders {

        Optional<String> limit();

        Optional<String> remaining();

        Optional<String> reset();

        Optional<String> retryAfter();

        Optional<String> quotaRemaining();
    }
}
