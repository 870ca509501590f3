package io.pdfsluice.document;

import java.nio.file.Path;

/**
 * One document on its way through the routes.
 *
 * @param source the inbox file it came from
 * @param stem   the inbox file's name without extension, which names its outputs
 * @param id     the record id (the stem for a single-document file)
 * @param where  where in the source it stands, for error messages: "line 7", "row 3", "element 2"
 * @param output the path of the result, relative to the outbox (a PDF file, or a folder of pages)
 * @param record the original record as JSON, for dead letters (null for single-document files)
 * @param error  why it cannot be converted, or null
 */
public record Document(String source, String stem, String id, String where, Kind kind, String title,
        String text, Path pdf, String output, String record, String error) {

    public static Document invalid(String source, String stem, String id, String where, String record, String error) {
        return new Document(source, stem, id, where, null, null, null, null, null, record, error);
    }

    /** Output names come from the file name; a dead-letter file re-run writes where the original would have. */
    public static String stemOf(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return stem.endsWith(".failures") ? stem.substring(0, stem.length() - ".failures".length()) : stem;
    }

    public boolean isInvalid() {
        return error != null;
    }

    /** How a message names this document: "invoices.jsonl line 7 (id inv-7)". */
    public String describe() {
        StringBuilder s = new StringBuilder(source);
        if (where != null) {
            s.append(' ').append(where);
        }
        if (id != null && where != null) {
            s.append(" (id ").append(id).append(')');
        }
        return s.toString();
    }
}
