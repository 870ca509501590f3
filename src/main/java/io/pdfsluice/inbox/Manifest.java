package io.pdfsluice.inbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.document.Kind;

/**
 * Turns an inbox file into the documents it holds, lazily: a manifest of a million records is read one record
 * at a time. A record that cannot be read becomes an invalid document that names file and position.
 */
@ApplicationScoped
@Named("manifest")
public class Manifest {

    private static final Pattern MARKDOWN_TITLE = Pattern.compile("(?m)^#\\s+(.+)$");
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<(?:title|h1)[^>]*>\\s*([^<]+?)\\s*</");

    /**
     * Reads the records: the app's mapper, with room for a string longer than sluice.document.max-bytes, so that such
     * a record fails with its size (DocumentSize) instead of Jackson's own bound on strings (20 million chars).
     */
    ObjectMapper json;
    /** Of files without a byte-order mark; Quarkus checks the name at start-up, so a typo stops the application. */
    Charset charset;
    long maxBytes;

    @Inject
    void configure(ObjectMapper mapper, InboxConfig config) {
        configure(mapper, config.charset(), config.document().maxBytes());
    }

    void configure(ObjectMapper mapper, Charset charset, long maxBytes) {
        this.charset = charset;
        this.maxBytes = maxBytes;
        json = mapper.copy();
        long longest = Math.max(StreamReadConstraints.DEFAULT_MAX_STRING_LEN, maxBytes + 1);
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, longest)).build());
    }

    public Iterator<Document> documents(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(File.class).toPath();
        String name = file.getFileName().toString();
        String stem = Document.stemOf(name);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (Files.size(file) == 0) {
            return one(Document.invalid(name, stem, stem, null, null, name + ": empty file"));
        }
        Iterator<Document> documents = switch (extension) {
            case "md", "markdown" -> one(single(file, name, stem, Kind.MARKDOWN, charsetOf(name)));
            case "html", "htm" -> one(single(file, name, stem, Kind.HTML, charsetOf(name)));
            case "pdf" -> one(Document.pdfFile(name, stem, file));
            case "jsonl", "ndjson" -> new JsonLinesRecords(this, InboxText.open(file, charsetOf(name)), name, stem);
            case "json" -> new JsonArrayRecords(this, InboxText.open(file, charsetOf(name)), name, stem);
            case "csv" -> new CsvRecords(this, InboxText.open(file, charsetOf(name)), name, stem);
            default -> one(Document.invalid(name, stem, stem, null, null, name + ": unsupported file type "
                    + (extension.isEmpty() ? "(no extension)" : "'." + extension + "'")
                    + " (expected .md, .html, .pdf, .jsonl, .json or .csv)"));
        };
        Iterator<Document> read = DocumentExchange.told(exchange, documents);
        exchange.setProperty(DocumentExchange.UNREAD, read); // what the split has not read when it times out ends too
        return read;
    }

    /** Validates one manifest record (null: the JSON {@code null}) and makes it a document. */
    public Document fromRecord(DocumentRecord r, String source, String stem, String where) {
        if (r == null) {
            return Document.invalid(source, stem, null, where, "null", source + " " + where
                    + ": not a record (null, where a JSON object was expected)");
        }
        boolean hasMarkdown = r.markdown() != null && !r.markdown().isBlank();
        boolean hasHtml = r.html() != null && !r.html().isBlank();
        if (!hasMarkdown && !hasHtml && r.raw() != null) {
            return fromDeadLetter(r, source, stem, where);
        }
        Kind kind = hasMarkdown ? Kind.MARKDOWN : hasHtml ? Kind.HTML : null;
        String body = hasMarkdown ? r.markdown() : hasHtml ? r.html() : null;
        String raw = toJson(r);
        if (r.id() == null || r.id().isBlank()) {
            return Document.invalid(source, stem, null, where, raw, source + " " + where + ": record has no id");
        }
        if (!Document.isSafeName(r.id())) {
            // the record's content stays with it, so that its dead letter re-runs once its id is mended
            return Document.ofRecord(source, stem, r.id(), where, kind, r.title(), body, raw).failed(source + " "
                    + where + ": id '" + r.id()
                    + "' is not a safe file name (letters, digits, '.', '_', '-', at most 128 characters, starting with a letter or "
                    + "digit; no '..' or '/')");
        }
        if (body == null) {
            return Document.invalid(source, stem, r.id(), where, raw, source + " " + where + " (id " + r.id()
                    + "): record has no body (give markdown or html)");
        }
        return Document.ofRecord(source, stem, r.id(), where, kind, r.title() == null ? r.id() : r.title(), body, raw);
    }

    /**
     * A dead letter of a record that could not be read, dropped into the inbox again: its {@code raw} text, mended
     * or not, is the record. When it still cannot be read, it fails again with that text, so the next dead letter
     * keeps it.
     */
    private Document fromDeadLetter(DocumentRecord letter, String source, String stem, String where) {
        DocumentRecord record;
        try {
            record = json.readValue(letter.raw(), DocumentRecord.class);
        } catch (JsonProcessingException e) {
            return Document.invalid(source, stem, null, where, letter.raw(), source + " " + where
                    + ": its raw record is still not readable (" + problem(e) + "): mend it in raw, or in the original file");
        }
        if (record != null && record.raw() != null) {
            return Document.invalid(source, stem, null, where, letter.raw(), source + " " + where
                    + ": its raw record is a dead letter itself: give the record in raw");
        }
        return fromRecord(record, source, stem, where);
    }

    ObjectMapper json() {
        return json;
    }

    /** What a record's JSON error tells a user: a string past the mapper's bound is a document past max-bytes. */
    String problem(JsonProcessingException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof StreamConstraintsException)) {
            cause = cause.getCause(); // databind wraps it, with the record's path
        }
        if (cause != null && String.valueOf(cause.getMessage()).startsWith("String value length")) {
            return "a string of more than " + json.getFactory().streamReadConstraints().getMaxStringLength()
                    + " characters, more than sluice.document.max-bytes=" + maxBytes + " allows";
        }
        return "malformed JSON: " + e.getOriginalMessage();
    }

    private String toJson(DocumentRecord r) {
        try {
            return json.writeValueAsString(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The charset of a file without a byte-order mark. Dead letters are written in UTF-8 whatever the setting. */
    private Charset charsetOf(String name) {
        return name.endsWith(".failures.jsonl") ? StandardCharsets.UTF_8 : charset;
    }

    private static Document single(Path file, String name, String stem, Kind kind, Charset charset) throws IOException {
        StringBuilder content = new StringBuilder();
        Undecodable undecodable = null;
        try (InboxText in = InboxText.open(file, charset)) {
            // stops at the first bad bytes: a binary file misnamed .md would otherwise note millions of them
            char[] buffer = new char[8192];
            for (int n; undecodable == null && (n = in.read(buffer)) >= 0;) {
                content.append(buffer, 0, n);
                undecodable = in.takeBefore(Long.MAX_VALUE);
            }
        }
        if (undecodable != null) {
            return Document.invalid(name, stem, stem, null, null, name + ": " + undecodable.describe());
        }
        String text = content.toString();
        if (text.isBlank()) {
            return Document.invalid(name, stem, stem, null, null, name + ": empty file"
                    + (text.isEmpty() ? "" : " (white space only)"));
        }
        Matcher title = (kind == Kind.MARKDOWN ? MARKDOWN_TITLE : HTML_TITLE).matcher(text);
        return Document.textFile(name, stem, kind, title.find() ? title.group(1).strip() : stem, text);
    }

    private static Iterator<Document> one(Document d) {
        return List.of(d).iterator();
    }

}
