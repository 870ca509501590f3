package io.pdfsluice.inbox;

import java.io.BufferedReader;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

/** JSON Lines: one record per line; a malformed line fails alone. */
class JsonLinesRecords extends Records {

    private final BufferedReader lines;
    private long lineNumber;

    JsonLinesRecords(Manifest manifest, BufferedReader reader, String source, String stem) {
        super(manifest, reader, source, stem);
        this.lines = reader;
    }

    @Override
    protected Document read() throws IOException {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
            return null;
        }
        String where = "line " + lineNumber;
        try {
            return manifest.fromRecord(manifest.json().readValue(line, DocumentRecord.class), source, stem, where);
        } catch (JsonProcessingException e) {
            return Document.invalid(source, stem, null, where, line,
                    source + " " + where + ": malformed JSON: " + e.getOriginalMessage());
        }
    }
}
