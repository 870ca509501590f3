package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON body written as configuration: values go into the tree, so no document can change its structure. */
class RequestTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsAreFilledInsideStringsAtAnyDepth() throws Exception {
        String body = RequestTemplate.render(
                "{\"html\": \"{{html}}\", \"meta\": {\"name\": \"{{id}}.pdf\", \"tags\": [\"{{title}}\", 3]}, \"n\": 1}",
                Map.of("html", "<p>x</p>", "id", "inv-7", "title", "Invoice 7"));
        JsonNode tree = JSON.readTree(body);
        assertEquals("<p>x</p>", tree.get("html").asText());
        assertEquals("inv-7.pdf", tree.at("/meta/name").asText());
        assertEquals("Invoice 7", tree.at("/meta/tags/0").asText());
        assertEquals(3, tree.at("/meta/tags/1").asInt());
        assertEquals(1, tree.get("n").asInt());
    }

    @Test
    void aHostileValueStaysAValue() throws Exception {
        String hostile = "\", \"admin\": true, \"x\": \"$1 \\\\ {{id}}";
        JsonNode tree = JSON.readTree(RequestTemplate.render("{\"title\": \"{{title}}\"}", Map.of("title", hostile,
                "id", "never-expanded-twice")));
        assertEquals(1, tree.size(), tree.toString());
        assertEquals(hostile, tree.get("title").asText());
    }

    @Test
    void aTemplateThatIsNotAnObjectOrNamesAnUnknownFieldIsRefusedAtStartUp() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestTemplate.check("[\"{{html}}\"]"))
                .getMessage().contains("not a JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestTemplate.check("{\"html\": "))
                .getMessage().contains("not JSON"));
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> RequestTemplate.check("{\"body\": \"{{content}}\"}")).getMessage();
        assertTrue(unknown.contains("{{content}}") && unknown.contains("{{html}}"), unknown);
    }
}
