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

    /** A PDF file dropped whole: it is its own id and title, and its pages go to a folder named by its stem. */
    public static Document pdfFile(String source, String stem, Path pdf) {
        return of(source, stem).id(stem).kind(Kind.PDF).title(stem).pdf(pdf).output(stem).build();
    }

    /** A document of {@code source}, its fields named one by one: {@code of(source, stem).id(..)....build()}. */
    public static Builder of(String source, String stem) {
        return new Builder(source, stem);
    }

    /** Names a document's fields one by one; what is not named stays null. */
    public static final class Builder {
        private final String source;
        private final String stem;
        private String id;
        private String where;
        private Kind kind;
        private String title;
        private String text;
        private Path pdf;
        private String output;
        private String record;
        private String error;

        private Builder(String source, String stem) {
            this.source = source;
            this.stem = stem;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder where(String where) {
            this.where = where;
            return this;
        }

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The Markdown or HTML text of a text document. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The file of a PDF document. */
        public Builder pdf(Path pdf) {
            this.pdf = pdf;
            return this;
        }

        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder record(String record) {
            this.record = record;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Document build() {
            return new Document(source, stem, id, where, kind, title, text, pdf, output, record, error);
        }
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
