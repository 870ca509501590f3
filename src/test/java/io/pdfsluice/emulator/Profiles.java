package io.pdfsluice.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.emulator.Renders.Reply;

/**
 * The request shapes of the vendors beyond Blink and ChangeThisFile, strict like real servers: FUNBREW's
 * {@code POST /api/v1/pdf} {"html", "filename"}, pdfRelay's {@code POST /v1/pdf} {"html", "filename", "title"} (the
 * paths its guide does not give, as pdf-sluice's profile defines them), and Gotenberg's multipart Chromium routes.
 * Each answers the PDF titled after what it was sent, and its own 429 body.
 */
final class Profiles {

    static final String FUNBREW = "/api/v1/pdf";
    static final String PDFRELAY = "/v1/pdf";
    static final String GOTENBERG_HTML = "/forms/chromium/convert/html";
    static final String GOTENBERG_MARKDOWN = "/forms/chromium/convert/markdown";
    /** pdfRelay's Batch API, as pdf-sluice's profile defines it: {"items": [{"id", "html", "filename", "title"}]}. */
    static final String PDFRELAY_BATCH = "/v1/batch";
    static final int BATCH_CAPACITY = 50;
    /**
     * pdfRelay's async conversions, as pdf-sluice's profile defines them: the single request's body, answered 202
     * {"job_id", "state", "status_url"}; the job is polled and downloaded as every job is (Jobs).
     */
    static final String PDFRELAY_ASYNC = "/v1/pdf/async";

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern PART_NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern INCLUDE = Pattern.compile("\\{\\{\\s*toHTML\\s+\"([^\"]+)\"\\s*}}");

    private final ObjectMapper json = new ObjectMapper();
    /** Every batch item converted, by id, in order (duplicates included). */
    private final List<String> batchItems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.Predicate<String> failItemsIf = html -> false;
    private volatile int failedItemStatus;
    private volatile java.util.function.Predicate<String> lieInItemsIf = html -> false;
    /** A 1x1 GIF: what a lying item's "pdf" holds. */
    private static final byte[] GIF = java.util.Base64.getDecoder().decode("R0lGODlhAQABAAAAACw=");

    static boolean knows(String path) {
        return path.equals(FUNBREW) || path.equals(PDFRELAY) || path.equals(GOTENBERG_HTML)
                || path.equals(GOTENBERG_MARKDOWN) || path.equals(PDFRELAY_BATCH) || path.equals(PDFRELAY_ASYNC);
    }

    /** What a request costs of the quota: a batch, its items; anything else, one. */
    static int quotaCost(Recorded request) {
        if (!request.path().equals(PDFRELAY_BATCH)) {
            return 1;
        }
        try {
            JsonNode items = new ObjectMapper().readTree(request.body()).path("items");
            return items.isArray() ? Math.max(1, items.size()) : 1;
        } catch (IOException notJson) {
            return 1;
        }
    }

    /** Batch items whose html matches fail alone, with that status, until {@link #clear()}. */
    void failBatchItemsIf(java.util.function.Predicate<String> html, int status) {
        failItemsIf = html;
        failedItemStatus = status;
    }

    /** Batch items whose html matches succeed with a GIF as their "pdf", until {@link #clear()}. */
    void lieInBatchItemsIf(java.util.function.Predicate<String> html) {
        lieInItemsIf = html;
    }

    List<String> batchItems() {
        return List.copyOf(batchItems);
    }

    List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    void clear() {
        batchItems.clear();
        batchSizes.clear();
        failItemsIf = html -> false;
        lieInItemsIf = html -> false;
    }

    Reply answer(Recorded request, Renders renders, Jobs jobs, String baseUrl) {
        if (request.path().equals(PDFRELAY_ASYNC) && request.method().equals("POST")) {
            return jobs.accept(request, jsonHtml(request, Set.of("html", "filename", "title"), renders), null, baseUrl,
                    renders, true);
        }
        return answer(request, renders);
    }

    Reply answer(Recorded request, Renders renders) {
        if (!request.method().equals("POST")) {
            return renders.error(405, request.path() + " accepts POST only.");
        }
        return switch (request.path()) {
            case FUNBREW -> jsonHtml(request, Set.of("html", "filename", "options"), renders);
            case PDFRELAY -> jsonHtml(request, Set.of("html", "filename", "title"), renders);
            case PDFRELAY_BATCH -> batch(request, renders);
            default -> gotenberg(request, renders);
        };
    }

    /** The 429 of the API this path belongs to: pdfRelay's nested error, everyone else's flat one. */
    Reply rateLimited(String path, long seconds, int limit, Renders renders) {
        if (path.equals(PDFRELAY) || path.equals(PDFRELAY_BATCH) || path.equals(PDFRELAY_ASYNC)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("limit", limit);
            details.put("remaining", 0);
            details.put("reset_at", java.time.Instant.now().plusSeconds(seconds).toString());
            details.put("retry_after", seconds);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "RATE_LIMITED");
            error.put("message", "Rate limit exceeded. Try again in " + seconds + " seconds.");
            error.put("details", details);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", error);
            return renders.json(429, body);
        }
        return renders.error(429, "rate_limit_exceeded", "Too many requests. Retry after " + seconds + " seconds.",
                Map.of("retry_after", seconds));
    }

    /**
     * Up to 50 items, each checked as a single request is; each answered in "results" by its id: the PDF in base64,
     * or its own error. One bad item fails alone.
     */
    private Reply batch(Recorded request, Renders renders) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return renders.error(400, "The request body is not valid JSON.");
        }
        JsonNode items = body == null ? null : body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return renders.error(400, "\"items\" must be a non-empty array.");
        }
        if (items.size() > BATCH_CAPACITY) {
            return renders.error(413, "A batch takes at most " + BATCH_CAPACITY + " items, not " + items.size() + ".");
        }
        Set<String> ids = new java.util.HashSet<>();
        List<Object> results = new ArrayList<>();
        for (JsonNode item : items) {
            Map<String, Object> result = new LinkedHashMap<>();
            String id = item.path("id").asText("");
            if (id.isBlank() || !ids.add(id)) {
                return renders.error(422, "Every item needs an id of its own; \"" + id + "\" is missing or repeated.");
            }
            result.put("id", id);
            com.fasterxml.jackson.databind.node.ObjectNode single = ((com.fasterxml.jackson.databind.node.ObjectNode) item)
                    .deepCopy();
            single.remove("id");
            Reply reply = failItemsIf.test(item.path("html").asText("")) ? renders.error(failedItemStatus, "item failed")
                    : jsonHtml(single, Set.of("html", "filename", "title"), renders);
            if (reply.status() == 200) {
                batchItems.add(id);
                result.put("success", true);
                result.put("pdf", java.util.Base64.getEncoder().encodeToString(
                        lieInItemsIf.test(item.path("html").asText("")) ? GIF : reply.body()));
            } else {
                result.put("success", false);
                result.put("status", reply.status());
                result.put("error", Map.of("code", reply.status() >= 500 ? "RENDER_FAILED" : "INVALID_ITEM",
                        "message", new String(reply.body(), StandardCharsets.UTF_8)));
            }
            results.add(result);
        }
        batchSizes.add(items.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("results", results);
        return renders.json(200, answer);
    }

    private Reply jsonHtml(Recorded request, Set<String> fields, Renders renders) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return renders.error(400, "The request body is not valid JSON.");
        }
        return jsonHtml(body, fields, renders);
    }

    private Reply jsonHtml(JsonNode body, Set<String> fields, Renders renders) {
        if (body == null || !body.isObject()) {
            return renders.error(400, "The request body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                return renders.error(422, "Unknown field \"" + name + "\"; the body takes " + fields + ".");
            }
        }
        JsonNode html = body.get("html");
        if (html == null || !html.isTextual() || html.asText().isBlank()) {
            return renders.error(400, "\"html\" is required.");
        }
        if (!html.asText().contains("<")) {
            return renders.error(422, "\"html\" is not HTML.");
        }
        JsonNode title = body.get("title");
        return renders.pdfTitled(title != null && title.isTextual() && !title.asText().isBlank() ? title.asText()
                : Renders.titleOf(html.asText()));
    }

    /** index.html as a file part; for Markdown, the .md files it includes with {{ toHTML "x.md" }}. */
    private Reply gotenberg(Recorded request, Renders renders) {
        String type = request.header("content-type");
        Matcher boundary = type == null ? null : BOUNDARY.matcher(type);
        if (type == null || !type.startsWith("multipart/form-data") || !boundary.find()) {
            return renders.error(400, "Gotenberg takes multipart/form-data.");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Part part : parts(request.body(), boundary.group(1))) {
            if (part.fileName() != null && "files".equals(part.name())) {
                files.put(part.fileName(), part.text());
            }
        }
        String index = files.get("index.html");
        if (index == null) {
            return renders.error(400, "form file 'index.html' is required");
        }
        if (request.path().equals(GOTENBERG_MARKDOWN)) {
            Matcher include = INCLUDE.matcher(index);
            if (!include.find()) {
                return renders.error(400, "index.html includes no Markdown file");
            }
            String markdown = files.get(include.group(1));
            if (markdown == null) {
                return renders.error(400, "form file '" + include.group(1) + "' is required");
            }
            return renders.pdfTitled(Renders.titleOf(index.replace(include.group(0), "")).equals("Untitled")
                    ? Renders.titleOf(markdown)
                    : Renders.titleOf(index));
        }
        return renders.pdfTitled(Renders.titleOf(index));
    }

    record Part(String name, String fileName, String text) {
    }

    /** A small multipart/form-data reader: enough for what a test sends, strict about the boundary. */
    static List<Part> parts(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.UTF_8);
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        String[] chunks = text.split(Pattern.quote(delimiter));
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            if (chunk.startsWith("--")) {
                break; // the closing delimiter
            }
            int headersEnd = chunk.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = chunk.substring(0, headersEnd);
            String content = chunk.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = PART_NAME.matcher(headers);
            Matcher file = FILE_NAME.matcher(headers);
            parts.add(new Part(name.find() ? name.group(1) : null, file.find() ? file.group(1) : null, content));
        }
        return parts;
    }
}
