package io.pdfsluice.provider;

import java.util.Locale;
import java.util.Optional;

/**
 * An API's request shape as data, for the profiles that need no code of their own (funbrew, pdfrelay, gotenberg)
 * and for {@code custom}, which is described entirely in configuration. Each part of a preset can be overridden by
 * its {@code sluice.api.*} key.
 *
 * @param path where Markdown and HTML documents are sent, relative to sluice.api.url
 * @param markdownPath where Markdown documents are sent when it differs (Gotenberg's markdown route)
 * @param method the HTTP method: POST or PUT
 * @param body how the document is written into the request
 * @param template for a JSON body: the JSON to send, whose strings may name the document's fields (see
 *        {@link RequestTemplate})
 * @param filePart for a multipart body: the name of the part that carries the document as a file
 * @param markdownAsHtml Markdown is rendered to HTML here before it is sent (the API takes HTML only)
 * @param accept the Accept header: what the API is asked to answer
 * @param auth how the key is sent unless sluice.api.auth says otherwise (see {@link ApiKey#scheme})
 * @param retryAfterField where a 429's JSON body gives the wait, unless sluice.api.retry-after-field says otherwise
 * @param asyncPath where a large document's request is submitted as an async job (see {@link AsyncJob})
 * @param batchPath where a batch of JSON requests is sent (see {@link BatchRequests}), for an API that has one
 * @param batchSize the most documents in one batch request; 1: no batches
 */
public record ApiShape(String path, Optional<String> markdownPath, String method, Body body, String template,
        String filePart, boolean markdownAsHtml, String accept, String auth, Optional<String> retryAfterField,
        Optional<String> asyncPath, Optional<String> batchPath, int batchSize) {

    /** pdfRelay's batch: up to 50 items count as 1 request against the rate limit (and 50 against the quota). */
    static final int PDFRELAY_BATCH = 50;

    /** How the document is written into the request. */
    public enum Body {
        /** A JSON object from the template. */
        JSON,
        /** multipart/form-data: the document as a file part (Gotenberg: index.html, plus the .md file). */
        MULTIPART,
        /** The document's text as the whole body, with its own Content-Type. */
        RAW;

        static Body of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sluice.api.body=" + name + " is not json, multipart or raw");
            }
        }
    }

    /** FUNBREW PDF: POST /api/v1/pdf with {"html", "filename"} and a Bearer key, answered with the PDF. */
    static final ApiShape FUNBREW = new ApiShape("/api/v1/pdf", Optional.empty(), "POST", Body.JSON,
            "{\"html\": \"{{html}}\", \"filename\": \"{{id}}.pdf\"}", "file", true, "application/pdf", "bearer",
            Optional.of("/retry_after"), Optional.empty(), Optional.empty(), 1);

    /**
     * pdfRelay: its guide documents the limits, the headers and the 429 body but no paths; this profile defines
     * POST /v1/pdf with {"html", "filename", "title"}, each part overridable.
     */
    static final ApiShape PDFRELAY = new ApiShape("/v1/pdf", Optional.empty(), "POST", Body.JSON,
            "{\"html\": \"{{html}}\", \"filename\": \"{{id}}.pdf\", \"title\": \"{{title}}\"}", "file", true,
            "application/pdf", "bearer", Optional.of("/error/details/retry_after"), Optional.of("/v1/pdf/async"),
            Optional.of("/v1/batch"), PDFRELAY_BATCH);

    /**
     * Gotenberg: multipart to its Chromium routes, HTML as index.html, Markdown as a .md file beside an index.html
     * that includes it. It has no key of its own; behind a proxy with basic auth, the key is user:password.
     */
    static final ApiShape GOTENBERG = new ApiShape("/forms/chromium/convert/html",
            Optional.of("/forms/chromium/convert/markdown"), "POST", Body.MULTIPART, "", "files", false,
            "application/pdf", "basic", Optional.empty(), Optional.empty(), Optional.empty(), 1);

    /** custom: nothing is assumed; sluice.api.path says where, sluice.api.body how (JSON by default). */
    static final ApiShape CUSTOM = new ApiShape("", Optional.empty(), "POST", Body.JSON,
            "{\"html\": \"{{html}}\"}", "file", true, "application/pdf", "bearer", Optional.empty(), Optional.empty(),
            Optional.empty(), 1);

    /** True when documents are packed into batch requests. */
    boolean batches() {
        return batchPath.isPresent() && batchSize > 1;
    }

    /** The preset of a profile name, or empty for one whose shape is code (local, blink, changethisfile). */
    static Optional<ApiShape> preset(String provider) {
        return Optional.ofNullable(switch (provider) {
            case "funbrew" -> FUNBREW;
            case "pdfrelay" -> PDFRELAY;
            case "gotenberg" -> GOTENBERG;
            case "custom" -> CUSTOM;
            default -> null;
        });
    }

    /** This shape with every part the configuration sets in its place. */
    ApiShape with(ApiConfig.Request request) {
        ApiShape shape = new ApiShape(request.path().orElse(path),
                request.markdownPath().or(() -> request.path().isPresent() ? Optional.empty() : markdownPath),
                request.method().map(m -> m.trim().toUpperCase(Locale.ROOT)).orElse(method),
                request.body().map(Body::of).orElse(body), request.template().orElse(template),
                request.filePart().orElse(filePart), request.markdownAsHtml().orElse(markdownAsHtml),
                request.accept().orElse(accept), auth, retryAfterField, request.asyncPath().or(() -> asyncPath),
                request.batchPath().or(() -> batchPath),
                request.batchSize().orElse(request.batchPath().isPresent() && batchSize == 1 ? PDFRELAY_BATCH
                        : batchSize));
        if (shape.path.isBlank() || !shape.path.startsWith("/")) {
            throw new IllegalArgumentException("sluice.api.path=" + shape.path
                    + " is not a path on the API (it starts with /, e.g. /api/v1/pdf)");
        }
        if (!shape.method.equals("POST") && !shape.method.equals("PUT")) {
            throw new IllegalArgumentException("sluice.api.method=" + shape.method + " is not POST or PUT");
        }
        if (shape.body == Body.JSON) {
            RequestTemplate.check(shape.template);
        }
        if (shape.asyncPath.isPresent() && !shape.asyncPath.get().startsWith("/")) {
            throw new IllegalArgumentException("sluice.api.async-path=" + shape.asyncPath.get()
                    + " is not a path on the API (it starts with /, e.g. /v1/pdf/async)");
        }
        if (shape.batchSize < 1 || shape.batchSize > 1000) {
            throw new IllegalArgumentException("sluice.api.batch-size=" + shape.batchSize
                    + " is not between 1 (no batches) and 1000");
        }
        if (shape.batches() && (shape.body != Body.JSON || !shape.batchPath.get().startsWith("/"))) {
            throw new IllegalArgumentException("sluice.api.batch-path=" + shape.batchPath.get()
                    + " needs a JSON body (sluice.api.body=json) and a path on the API (it starts with /)");
        }
        return shape;
    }
}
