package io.pdfsluice.inbox;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.pdfsluice.document.Document;

/**
 * A JSON array of records, read element by element with Jackson's streaming parser. An element holding bytes that
 * do not decode fails alone when the rest still parses.
 */
class JsonArrayRecords extends Records {

    private JsonParser parser;
    private long element;

    JsonArrayRecords(Manifest manifest, InboxText text, String source, String stem) {
        super(manifest, text, source, stem);
    }

    @Override
    protected Document read() throws IOException {
        try {
            if (parser == null) {
                parser = manifest.json().getFactory().createParser(text);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    finish();
                    return Document.invalid(source, stem, null, null, null, source + ": expected a JSON array of records");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                return null;
            }
            element++;
            DocumentRecord record = parser.readValueAs(DocumentRecord.class);
            Undecodable undecodable = text.takeBefore(parser.currentLocation().getCharOffset());
            if (undecodable != null) {
                return Document.invalid(source, stem, null, "element " + element, null,
                        source + " element " + element + ": " + undecodable.describe());
            }
            return manifest.fromRecord(record, source, stem, "element " + element);
        } catch (JsonProcessingException e) {
            // A JSON array cannot be resynchronised after a syntax error: the rest of the file is reported as one failure.
            finish();
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            Undecodable undecodable = text.takeBefore(at < 0 ? Long.MAX_VALUE : at + 1);
            String where = "element " + (element + 1);
            return Document.invalid(source, stem, null, where, null, source + " " + where + ": " + (undecodable != null
                    ? undecodable.describe() + ", so the rest of the file cannot be read"
                    : "malformed JSON: " + e.getOriginalMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        super.close();
    }
}
