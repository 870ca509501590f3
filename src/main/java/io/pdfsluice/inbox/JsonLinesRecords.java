package io.pdfsluice.inbox;

import java.io.BufferedReader;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pdfsluice.document.Document;

/** JSON Lines: one record per line; a malformed line, or one that does not decode, fails alone. */
class JsonLinesRecords extends Records {

    private final BufferedReader lines;
    private long lineNumber;

    JsonLinesRecords(Manifest manifest, InboxText text, String source, String stem) {
        super(manifest, text, source, stem);
        this.lines = new BufferedReader(text);
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
        Undecodable undecodable = text.takeOnLine(lineNumber);
        if (undecodable != null) {
            // the line as read holds U+FFFD for the bad bytes: a dead letter of it would not be the record either
            return Document.invalid(source, stem, null, where, null,
                    source + " " + where + ": " + undecodable.describeInLine());
        }
        try {
            return manifest.fromRecord(manifest.json().readValue(line, DocumentRecord.class), source, stem, where);
        } catch (JsonProcessingException e) {
            return Document.invalid(source, stem, null, where, line,
                    source + " " + where + ": " + manifest.problem(e));
        }
    }
}
