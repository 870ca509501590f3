package io.pdfsluice.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.inbox.DocumentRecord;
import io.pdfsluice.inbox.Manifest;
import io.pdfsluice.inbox.RecordIds;

/**
 * Reads a queue message as documents. A message is one record ({@code {"id":..., "markdown"|"html":...}}), several
 * records (JSON lines, or objects one after another), or a JSON array of records: the manifest schema of the inbox.
 * Outputs go to outbox/&lt;sluice.queue.outputs&gt;/&lt;id&gt;.pdf. A record that is not valid (no id, no body) becomes
 * a failed document, as in a manifest; a message that is not JSON at all is rejected whole, before any of it runs.
 */
@ApplicationScoped
@Named("queueMessage")
public class QueueMessage {

    public static final String KEY = DocumentExchange.MESSAGE;
    /** How many records the message holds: one is delivered on the consumer's thread, more in parallel. */
    public static final String RECORDS = "sluiceRecords";

    @Inject
    ObjectMapper json;
    @Inject
    Manifest manifest;
    @Inject
    QueueConfig config;

    /** Names the message in logs, events and its dead-letter file: its message id, or one made up for it. */
    public void name(Exchange exchange) {
        String id = exchange.getMessage().getHeader("CamelSpringRabbitmqMessageId", String.class);
        if (!Document.isSafeName(id)) {
            id = UUID.randomUUID().toString();
        }
        exchange.setProperty(KEY, id);
    }

    /**
     * Reads the whole message once, so that a syntax error anywhere rejects the message before any document of it
     * is sent, and tells the route how many records it holds ({@link #RECORDS}): the top level must be one or more
     * objects, or one array of objects.
     */
    public void check(Exchange exchange) throws IOException {
        exchange.setProperty(RECORDS, validate(exchange.getMessage().getBody(byte[].class), source(exchange)));
    }

    /** The message's records as documents, one after another; the route has run {@link #check} first. */
    public Iterator<Document> documents(Exchange exchange) throws IOException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        // Jackson reads a root-level array element by element, and objects one after another, alike
        return DocumentExchange.told(exchange, records(json.readerFor(DocumentRecord.class).readValues(body), source(exchange),
                startsWithArray(body) ? "element" : "record"));
    }

    private static String source(Exchange exchange) {
        return "queue message " + exchange.getProperty(KEY, String.class);
    }

    private static boolean startsWithArray(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    /** The number of records (objects, or elements of the one array) in a message that is valid JSON of that shape. */
    long validate(byte[] body, String source) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidMessageException(source + ": empty message (expected a document record or a manifest)", null);
        }
        try (JsonParser parser = json.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                throw new InvalidMessageException(source + ": not a document record or manifest (JSON object, JSON "
                        + "lines or array of records expected), starts with: " + preview(body), null);
            }
            long count = 0;
            if (first == JsonToken.START_ARRAY) {
                for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    count++;
                    parser.skipChildren();
                }
                if (parser.nextToken() != null) {
                    throw new InvalidMessageException(source + ": more than one array at the top level", null);
                }
                return count;
            }
            for (JsonToken t = first; t != null; t = parser.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new InvalidMessageException(source + ": mixes records and arrays at the top level", null);
                }
                count++;
                parser.skipChildren();
            }
            return count;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(source + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Iterator<Document> records(MappingIterator<DocumentRecord> values, String source, String unit) {
        return new Iterator<>() {
            private final RecordIds ids = new RecordIds();
            private long n;

            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Document next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                n++;
                try {
                    return ids.once(manifest.fromRecord(values.nextValue(), source, config.queue().outputs(),
                            unit + " " + n), source);
                } catch (IOException e) {
                    return Document.invalid(source, config.queue().outputs(), null, unit + " " + n, null,
                            source + " " + unit + " " + n + ": not a record: " + e.getMessage());
                }
            }
        };
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8).strip();
        return "'" + text.replaceAll("\\s+", " ") + (body.length > 40 ? "...'" : "'");
    }
}
