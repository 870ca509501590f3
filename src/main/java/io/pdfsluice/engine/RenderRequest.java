package io.pdfsluice.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A render request: {@code {"markdown": "...", "metadata": {"title": "..."}}} or the same with "html".
 */
public record RenderRequest(String markdown, String html, String title) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException with a message for the client when the request is unusable
     */
    public static RenderRequest parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("the request body is empty; expected JSON with \"markdown\" or \"html\"");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        String markdown = text(root, "markdown");
        String html = text(root, "html");
        if (markdown != null && html != null) {
            throw new IllegalArgumentException("give either \"markdown\" or \"html\", not both");
        }
        if (markdown == null && html == null) {
            throw new IllegalArgumentException("the request needs a non-empty \"markdown\" or \"html\" string");
        }
        JsonNode metadata = root.path("metadata");
        String title = metadata.isObject() ? text(metadata, "title") : null;
        return new RenderRequest(markdown, html, title);
    }

    public boolean isMarkdown() {
        return markdown != null;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return node.asText().isBlank() ? null : node.asText();
    }
}
