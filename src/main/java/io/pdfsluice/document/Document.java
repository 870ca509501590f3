package io.pdfsluice.document;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One document on its way through the routes.
 *
 * @param source the inbox file it came from
 * @param stem the inbox file's name without extension, which names its outputs
 * @param id the record id (the stem for a single-document file)
 * @param where where in the source it stands, for error messages: "line 7", "row 3", "element 2"
 * @param output the path of the result, relative to the outbox (a PDF file, or a folder of pages)
 * @param record the original record as JSON, for dead letters (null for single-document files)
 * @param error why it cannot be converted, or null
 */
public record Document(String source, String stem, String id, String where, Kind kind, String title,
        String text, Path pdf, String output, String record, String error) {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Whether a record id or a message id is safe as a file name in the outbox: no '/', no '..', not hidden. */
    public static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    public static Document invalid(String source, String stem, String id, String where, String record, String error) {
        return new Document(source, stem, id, where, null, null, null, null, null, record, error);
    }

    /** A PDF file dropped whole: it is its own id and title, and its pages go to a folder named by its stem. */
    public static Document pdfFile(String source, String stem, Path pdf) {
        return new Document(source, stem, stem, null, Kind.PDF, stem, null, pdf, stem, null, null);
    }

    /** A Markdown or HTML file dropped whole: it is its own id, and its PDF is named by its stem. */
    public static Document textFile(String source, String stem, Kind kind, String title, String text) {
        return new Document(source, stem, stem, null, kind, title, text, null, stem + ".pdf", null, null);
    }

    /** A record of a manifest (or a queue message): its PDF goes to the manifest's folder, named by its id. */
    public static Document ofRecord(String source, String stem, String id, String where, Kind kind, String title,
            String text, String record) {
        return new Document(source, stem, id, where, kind, title, text, null, stem + "/" + id + ".pdf", record, null);
    }

    /** Output names come from the file name; a dead-letter file re-run writes where the original would have. */
    public static String stemOf(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return stem.endsWith(".failures") ? stem.substring(0, stem.length() - ".failures".length()) : stem;
    }

    /** This document, failed with {@code why} before it was sent: its content stays, for its dead letter. */
    public Document failed(String why) {
        return new Document(source, stem, id, where, kind, title, text, pdf, null, record, why);
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
