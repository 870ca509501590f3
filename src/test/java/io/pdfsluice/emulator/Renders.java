package io.pdfsluice.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bodies of the two API shapes, and of their JSON errors. */
final class Renders {

    record Reply(int status, String contentType, byte[] body) {
    }

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.+?)[ \\t#]*$");
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<(title|h1)[^>]*>(.*?)</\\1>");

    private final ObjectMapper json = new ObjectMapper();
    private volatile byte[] sameAnswer;

    /**
     * Blink, strict like a real server: {"markdown": ..., "metadata": {"title": ...}} -> a PDF titled after the
     * metadata; any other top-level field (an "html", say) is refused with 422.
     */
    Reply render(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            return error(400, "The request body is not valid JSON.");
        }
        if (request == null || !request.isObject()) {
            return error(400, "The request body must be a JSON object.");
        }
        for (java.util.Iterator<String> fields = request.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("markdown") && !field.equals("metadata")) {
                return error(422, "Unknown field \"" + field + "\"; the body is {\"markdown\", \"metadata\"}.");
            }
        }
        JsonNode markdown = request.get("markdown");
        if (markdown == null || !markdown.isTextual()) {
            return error(400, "\"markdown\" is required.");
        }
        JsonNode title = request.path("metadata").path("title");
        String text = markdown.asText();
        return pdf(title.isTextual() && !title.asText().isBlank() ? title.asText() : titleOf(text));
    }

    /** ChangeThisFile: a PDF to one image or a ZIP of page images, or Markdown/HTML text to a PDF. */
    Reply convert(String target, byte[] body) {
        if (target == null) {
            return error(400, "The query parameter \"target\" is required (pdf, jpg or png).");
        }
        return switch (target) {
            case "pdf" -> body.length == 0 ? error(400, "The document is empty.")
                    : pdf(titleOf(new String(body, StandardCharsets.UTF_8)));
            case "jpg", "jpeg" -> pictures(body, "jpg", "image/jpeg");
            case "png" -> pictures(body, "png", "image/png");
            default -> error(400, "Unsupported target \"" + target + "\"; use pdf, jpg or png.");
        };
    }

    Reply json(int status, Map<String, Object> body) {
        try {
            return new Reply(status, "application/json", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply error(int status, String message) {
        return error(status, errorCode(status), message, Map.of());
    }

    Reply error(int status, String code, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(extra);
        try {
            return new Reply(status, "application/json", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF titled so, as every render answers. */
    Reply pdfTitled(String title) {
        return pdf(title);
    }

    private Reply pdf(String title) {
        byte[] same = sameAnswer;
        return new Reply(200, "application/pdf", same != null ? same : Pages.pdf(title));
    }

    /** One PDF made once and returned for every render: an endpoint that costs nothing, for throughput benchmarks. */
    void sameAnswerEveryTime(boolean on) {
        sameAnswer = on ? Pages.pdf("pdf-sluice benchmark") : null;
    }

    private Reply pictures(byte[] body, String format, String contentType) {
        int pages;
        try (PDDocument document = Loader.loadPDF(body)) {
            pages = document.getNumberOfPages();
        } catch (IOException e) {
            return error(422, "The document is not a readable PDF: " + e.getMessage());
        }
        if (pages == 0) {
            return error(422, "The PDF has no pages.");
        }
        if (pages == 1) {
            return new Reply(200, contentType, Pages.image(1, format));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int page = 1; page <= pages; page++) {
                out.putNextEntry(new ZipEntry(String.format("page-%03d.%s", page, format)));
                out.write(Pages.image(page, format));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(200, "application/zip", zip.toByteArray());
    }

    static String titleOf(String text) {
        Matcher heading = MARKDOWN_HEADING.matcher(text);
        if (heading.find()) {
            return heading.group(1).trim();
        }
        Matcher html = HTML_TITLE.matcher(text);
        if (html.find()) {
            String title = html.group(2).replaceAll("<[^>]*>", "").trim();
            if (!title.isEmpty()) {
                return title;
            }
        }
        return "Untitled";
    }

    static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable_entity";
            case 429 -> "rate_limit_exceeded";
            case 500 -> "internal_error";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> "error";
        };
    }
}
