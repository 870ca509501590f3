package io.pdfsluice.inbox;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** CSV with a header row naming the columns id, title, markdown, html. */
class CsvRecords extends Records {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(false).get();

    private Iterator<CSVRecord> rows;

    CsvRecords(Manifest manifest, Reader reader, String source, String stem) {
        super(manifest, reader, source, stem);
    }

    @Override
    protected Document read() throws IOException {
        if (rows == null) {
            var parser = FORMAT.parse(reader);
            if (!parser.getHeaderMap().containsKey("id")) {
                finish();
                return Document.invalid(source, stem, null, "header", null,
                        source + ": the header row must name an 'id' column (and markdown or html)");
            }
            rows = parser.iterator();
        }
        if (!rows.hasNext()) {
            return null;
        }
        CSVRecord row = rows.next();
        String where = "row " + row.getRecordNumber();
        return manifest.fromRecord(new DocumentRecord(column(row, "id"), column(row, "title"),
                column(row, "markdown"), column(row, "html")), source, stem, where);
    }

    private static String column(CSVRecord row, String name) {
        return row.isMapped(name) && row.isSet(name) ? emptyToNull(row.get(name)) : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
