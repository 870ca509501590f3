package io.pdfsluice.inbox;

import static io.pdfsluice.inbox.Bytes.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;

/**
 * Records that parse but are not records (null, a number, a field of the wrong type) fail alone, numbered where
 * they stand; a syntax error in a JSON array ends the file and says so; nothing after an array goes unread unsaid.
 */
class ManifestRecordShapesTest {

    private static final String GOOD_A = "{\"id\":\"a\",\"markdown\":\"# A\"}";
    private static final String GOOD_B = "{\"id\":\"b\",\"markdown\":\"# B\"}";
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    @Test
    void aNullLineFailsAloneAndTheLinesAfterItAreRead() throws IOException {
        List<Document> docs = jsonl(manifest(MAX_BYTES), GOOD_A + "\nnull\n" + GOOD_B + "\n");
        assertEquals(List.of("a", "b"), ids(docs));
        assertEquals("m.jsonl line 2: not a record (null, where a JSON object was expected)", docs.get(1).error());
        assertEquals("line 3", docs.get(2).where());
    }

    @Test
    void arrayElementsThatAreNotRecordsFailAloneWhereTheyStandAndTheRestIsRead() throws IOException {
        List<Document> docs = json("[" + GOOD_A + ", null, 5, {\"id\":\"s\",\"markdown\":[\"x\"]}, " + GOOD_B + "]");
        assertEquals(5, docs.size(), docs.toString());
        assertEquals("m.json element 2: not a record (null, where a JSON object was expected)", docs.get(1).error());
        assertEquals("m.json element 3: not a record (number, where a JSON object was expected)", docs.get(2).error());
        assertTrue(docs.get(3).error().startsWith("m.json element 4 (id s): not a record: malformed JSON: "),
                docs.get(3).error());
        assertEquals("{\"id\":\"s\",\"markdown\":[\"x\"]}", docs.get(3).record(), "the dead letter keeps the element");
        assertEquals("b", docs.get(4).id());
        assertEquals("element 5", docs.get(4).where());
        assertFalse(docs.get(4).isInvalid());
    }

    @Test
    void aSyntaxErrorInAnArrayNamesTheElementItIsInAndSaysTheRestIsNotRead() throws IOException {
        List<Document> docs = json("[" + GOOD_A + ", {\"id\":\"m2\" \"markdown\":\"# M\"}, " + GOOD_B + "]");
        assertEquals(2, docs.size(), docs.toString());
        assertEquals("element 2", docs.get(1).where());
        assertTrue(docs.get(1).error().startsWith("m.json element 2: malformed JSON: "), docs.get(1).error());
        assertTrue(docs.get(1).error().endsWith(", so the rest of the file cannot be read"), docs.get(1).error());

        List<Document> missingComma = json("[" + GOOD_A + " " + GOOD_B + "]");
        assertEquals(2, missingComma.size());
        assertTrue(missingComma.get(1).error().startsWith("m.json element 2: malformed JSON: "),
                missingComma.get(1).error());
    }

    @Test
    void contentAfterTheArrayFailsInsteadOfBeingDroppedUnsaid() throws IOException {
        for (String after : List.of("[" + GOOD_B + "]", " garbage", "{}")) {
            List<Document> docs = json("[" + GOOD_A + "]" + after);
            assertEquals(2, docs.size(), after);
            assertEquals("a", docs.get(0).id());
            assertEquals("m.json: more content after the array's closing ']', which is not read (one JSON array of "
                    + "records a file)", docs.get(1).error());
        }
        assertEquals(List.of("a"), ids(json("[" + GOOD_A + "]\n \r\n")));
    }

    @Test
    void aRecordPastJacksonsBoundOnStringsFailsWithItsSizeAndTheNextLineIsRead() throws IOException {
        String huge = "x".repeat(20_000_001);
        String manifest = GOOD_A + "\n{\"id\":\"big\",\"markdown\":\"" + huge + "\"}\n" + GOOD_B + "\n";

        List<Document> docs = jsonl(manifest(MAX_BYTES), manifest);
        assertEquals("m.jsonl line 2: a string of more than 20000000 characters, more than "
                + "sluice.document.max-bytes=8388608 allows", docs.get(1).error());
        assertEquals("b", docs.get(2).id());

        // with a larger bound the record is read, and the intake's size check (DocumentSize) judges it
        List<Document> allowed = jsonl(manifest(30_000_000), manifest);
        assertFalse(allowed.get(1).isInvalid());
        assertEquals(huge.length(), allowed.get(1).text().length());
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().filter(d -> !d.isInvalid()).map(Document::id).toList();
    }

    private static List<Document> jsonl(Manifest manifest, String text) throws IOException {
        return all(new JsonLinesRecords(manifest, new InboxText(new ByteArrayInputStream(utf8(text)), UTF_8),
                "m.jsonl", "m"));
    }

    private static List<Document> json(String text) throws IOException {
        Manifest manifest = manifest(MAX_BYTES);
        return all(new JsonArrayRecords(manifest, new InboxText(new ByteArrayInputStream(utf8(text)), UTF_8),
                "m.json", "m"));
    }

    private static List<Document> all(Records records) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (records) {
            records.forEachRemaining(docs::add);
        }
        return docs;
    }

    private static Manifest manifest(long maxBytes) {
        Manifest manifest = new Manifest();
        manifest.configure(new ObjectMapper(), UTF_8, maxBytes);
        return manifest;
    }
}
