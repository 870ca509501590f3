package io.pdfsluice.inbox;

import java.io.IOException;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** A JSON array of records, read element by element with Jackson's streaming parser. */
class JsonArrayRecords extends Records {

    private JsonParser parser;
    private long element;

    JsonArrayRecords(Manifest manifest, Reader reader, String source, String stem) {
        super(manifest, reader, source, stem);
    }

    @Override
    protected Document read() throws IOException {
        try {
            if (parser == null) {
                parser = manifest.json().getFactory().createParser(reader);
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
            return manifest.fromRecord(parser.readValueAs(DocumentRecord.class), source, stem, "element " + element);
        } catch (JsonProcessingException e) {
            // A JSON array cannot be resynchronised after a syntax error: the rest of the file is reported as one failure.
            finish();
            return Document.invalid(source, stem, null, "element " + (element + 1), null,
                    source + " element " + (element + 1) + ": malformed JSON: " + e.getOriginalMessage());
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
