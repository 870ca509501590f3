package io.pdfsluice.inbox;

import java.io.IOException;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.pdfsluice.document.Document;

/**
 * CSV with a header row naming the columns id, title, markdown, html. A row holding bytes that do not decode fails
 * alone: the parser reads one row ahead, so that the row's extent (up to where the next one starts) is known.
 */
class CsvRecords extends Records {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(false).get();

    private Iterator<CSVRecord> rows;
    private CSVRecord ahead;
    private RuntimeException unreadable;
    private long rowsRead;

    CsvRecords(Manifest manifest, InboxText text, String source, String stem) {
        super(manifest, text, source, stem);
    }

    @Override
    protected Document read() throws IOException {
        if (rows == null) {
            var parser = FORMAT.parse(text);
            rows = parser.iterator();
            lookAhead();
            Undecodable undecodable = text.takeBefore(start(ahead));
            if (undecodable != null || !parser.getHeaderMap().containsKey("id")) {
                finish();
                return Document.invalid(source, stem, null, "header", null, undecodable != null
                        ? source + " header: " + undecodable.describe()
                        : source + ": the header row must name an 'id' column (and markdown or html)");
            }
        }
        if (ahead == null) {
            if (unreadable != null) {
                finish();
                String where = "row " + (rowsRead + 1);
                Throwable cause = unreadable;
                while (cause.getCause() != null) {
                    cause = cause.getCause(); // commons-csv's reason, under the iterator's wrapping
                }
                String why = String.valueOf(cause.getMessage());
                return Document.invalid(source, stem, null, where, null, source + " " + where + ": " + why
                        + ", so the rest of the file cannot be read" + (why.contains("encapsulated token")
                                ? " (a quoted field that is not closed takes in every line after it)"
                                : ""));
            }
            return null;
        }
        CSVRecord row = ahead;
        rowsRead = row.getRecordNumber();
        lookAhead();
        String where = "row " + row.getRecordNumber();
        Undecodable undecodable = text.takeBefore(start(ahead));
        if (undecodable != null) {
            return Document.invalid(source, stem, null, where, null,
                    source + " " + where + ": " + undecodable.describe());
        }
        return manifest.fromRecord(new DocumentRecord(column(row, "id"), column(row, "title"),
                column(row, "markdown"), column(row, "html"), null), source, stem, where);
    }

    /** A row that cannot be parsed ends the file, but only after the row before it has been returned. */
    private void lookAhead() {
        try {
            ahead = rows.hasNext() ? rows.next() : null;
        } catch (RuntimeException e) {
            ahead = null;
            unreadable = e;
        }
    }

    private static long start(CSVRecord row) {
        return row == null ? Long.MAX_VALUE : row.getCharacterPosition();
    }

    private static String column(CSVRecord row, String name) {
        return row.isMapped(name) && row.isSet(name) ? emptyToNull(row.get(name)) : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
