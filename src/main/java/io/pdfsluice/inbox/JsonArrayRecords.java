package io.pdfsluice.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.pdfsluice.document.Document;

/**
 * A JSON array of records, read element by element with Jackson's streaming parser. An element that parses but is
 * not a record (null, a number, a field of the wrong type), or that holds bytes that do not decode, fails alone; a
 * syntax error ends the file, as one failure that says so; content after the array's end fails too.
 */
class JsonArrayRecords extends Records {

    private JsonParser parser;
    private long element;
    private boolean ended;

    JsonArrayRecords(Manifest manifest, InboxText text, String source, String stem) {
        super(manifest, text, source, stem);
    }

    @Override
    protected Document read() throws IOException {
        if (ended) {
            return null;
        }
        JsonToken token;
        try {
            if (parser == null) {
                parser = manifest.json().getFactory().createParser(text);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return end(Document.invalid(source, stem, null, null, null,
                            source + ": expected a JSON array of records"));
                }
            }
            token = parser.nextToken();
        } catch (JsonProcessingException e) {
            return unreadable(element + 1, e);
        }
        if (token == null) {
            return null; // a cut-short array: EOF before ']' is a syntax error, so this is not reached in practice
        }
        if (token == JsonToken.END_ARRAY) {
            return afterTheArray();
        }
        element++;
        String where = "element " + element;
        JsonNode node;
        try {
            node = parser.readValueAsTree();
        } catch (JsonProcessingException e) {
            return unreadable(element, e);
        }
        Undecodable undecodable = text.takeBefore(parser.currentLocation().getCharOffset());
        if (undecodable != null) {
            return Document.invalid(source, stem, null, where, null, source + " " + where + ": " + undecodable.describe());
        }
        if (node == null || node.isNull()) {
            return manifest.fromRecord(null, source, stem, where);
        }
        if (!node.isObject()) { // its text is made only for a dead letter: the usual record is not copied again
            return Document.invalid(source, stem, null, where, node.toString(), source + " " + where + ": not a record ("
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", where a JSON object was expected)");
        }
        DocumentRecord record;
        try {
            record = manifest.json().treeToValue(node, DocumentRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            JsonNode id = node.get("id");
            String told = id != null && id.isTextual() ? " (id " + id.asText() + ")" : "";
            return Document.invalid(source, stem, null, where, node.toString(), source + " " + where + told
                    + ": not a record: "
                    + (e instanceof JsonProcessingException j ? manifest.problem(j) : e.getMessage()));
        }
        return manifest.fromRecord(record, source, stem, where);
    }

    /** A syntax error: a JSON array cannot be resynchronised after one, so the rest of the file is one failure. */
    private Document unreadable(long at, JsonProcessingException e) {
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        Undecodable undecodable = text.takeBefore(offset < 0 ? Long.MAX_VALUE : offset + 1);
        String where = "element " + at;
        return end(Document.invalid(source, stem, null, where, null, source + " " + where + ": "
                + (undecodable != null ? undecodable.describe() : manifest.problem(e))
                + ", so the rest of the file cannot be read"));
    }

    /** The array has ended: anything but white space after it (a second array, garbage) is not read, and says so. */
    private Document afterTheArray() {
        ended = true;
        try {
            if (parser.nextToken() == null) {
                return null;
            }
        } catch (JsonProcessingException e) {
            // garbage after the array: reported below all the same
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Document.invalid(source, stem, null, "after the array", null, source
                + ": more content after the array's closing ']', which is not read (one JSON array of records a file)");
    }

    private Document end(Document last) {
        ended = true;
        finish();
        return last;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        super.close();
    }
}
