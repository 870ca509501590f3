package io.pdfsluice.provider;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A JSON request body written as configuration: {@code {"html": "{{html}}", "filename": "{{id}}.pdf"}} (not
 * ${...}, which the configuration itself would try to expand). Each string
 * may name the document's fields: {{html}} (Markdown rendered to HTML, HTML as it is), {{markdown}} (the text as it
 * came: raw HTML is valid Markdown), {{text}} (the same), {{title}} and {{id}}. The values are set into the parsed JSON
 * tree, never pasted into its text, so a document cannot change the body's structure.
 */
final class RequestTemplate {

    static final Set<String> FIELDS = Set.of("html", "markdown", "text", "title", "id");
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([a-z]+)\\s*}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestTemplate() {
    }

    /** Refuses, at start-up, a template that is not a JSON object or that names a field documents do not have. */
    static void check(String template) {
        JsonNode tree = parse(template);
        fill(tree, field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("sluice.api.template names {{" + field + "}}; a document has "
                        + String.join(", ", FIELDS.stream().sorted().map(f -> "{{" + f + "}}").toList()));
            }
            return "";
        });
    }

    /** The body for one document, as JSON text. */
    static String render(String template, Map<String, String> fields) {
        JsonNode tree = fill(parse(template), field -> fields.getOrDefault(field, ""));
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String template) {
        try {
            JsonNode tree = JSON.readTree(template);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("sluice.api.template is not a JSON object: " + template);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sluice.api.template is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode fill(JsonNode node, Function<String, String> value) {
        if (node.isTextual()) {
            Matcher m = FIELD.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
            }
            m.appendTail(out);
            return new TextNode(out.toString());
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(fill(e.getValue(), value));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), value));
            }
        }
        return node;
    }
}
