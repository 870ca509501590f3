package io.pdfsluice.document;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Consumer;

import org.apache.camel.Exchange;

/**
 * The exchange properties that carry a document through the routes, named once for every package, with typed
 * accessors. A route reads them as {@code ${exchangeProperty.<name>}}.
 */
public final class DocumentExchange {

    /** The document a route works on. */
    public static final String DOCUMENT = "document";
    /** The batch (inbox file or queue message) the document belongs to. */
    public static final String BATCH = "sluiceBatch";
    /** Where the inbox file goes when its batch ends: {@code .done} or {@code .failed}, the inbox route's move. */
    public static final String OUTCOME = "sluiceOutcome";
    /** Set when the document failed: the reason, the API's status and the attempts made. */
    public static final String FAILURE = "sluiceFailure";
    public static final String FAILURE_STATUS = "sluiceFailureStatus";
    public static final String FAILURE_ATTEMPTS = "sluiceFailureAttempts";
    /** Set when the document's output was already there. */
    public static final String SKIPPED = "sluiceSkipped";
    /** Set once the document's end is counted: the outcome it was counted with. */
    public static final String ENDED = "sluiceEnded";
    /** The queue message a document came in, when it came from the queue. */
    public static final String MESSAGE = "sluiceMessage";
    /** What a file's split has not read yet: the rest of its documents, when the batch times out. */
    public static final String UNREAD = "sluiceUnread";
    /** What is told of each document as it is read (its batch, which then awaits its end). */
    public static final String ON_READ = "sluiceOnRead";

    private DocumentExchange() {
    }

    /** The document of the exchange: its property, or its body before a route has taken it up; null if neither. */
    public static Document document(Exchange exchange) {
        Document d = exchange.getProperty(DOCUMENT, Document.class);
        return d != null ? d : exchange.getMessage().getBody() instanceof Document body ? body : null;
    }

    /**
     * What failed the exchange: its exception while it is failing, or the one caught once handled (in a doFinally or
     * an onException, Camel keeps it in the EXCEPTION_CAUGHT property); null when nothing did.
     */
    public static Throwable caught(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    public static String failure(Exchange exchange) {
        return exchange.getProperty(FAILURE, String.class);
    }

    public static boolean skipped(Exchange exchange) {
        return exchange.getProperty(SKIPPED, false, Boolean.class);
    }

    public static String message(Exchange exchange) {
        return exchange.getProperty(MESSAGE, String.class);
    }

    /** The documents, each told as it is read to what the exchange names ({@link #ON_READ}: its batch). */
    @SuppressWarnings("unchecked")
    public static Iterator<Document> told(Exchange exchange, Iterator<Document> documents) {
        Consumer<Document> onRead = exchange.getProperty(ON_READ, Consumer.class);
        return onRead == null ? documents : new Told(documents, onRead);
    }

    /** Closed by the split like the records it reads. */
    private record Told(Iterator<Document> documents, Consumer<Document> onRead) implements Iterator<Document>, Closeable {
        @Override
        public boolean hasNext() {
            return documents.hasNext();
        }

        @Override
        public Document next() {
            Document d = documents.next();
            onRead.accept(d);
            return d;
        }

        @Override
        public void close() throws IOException {
            if (documents instanceof Closeable c) {
                c.close();
            }
        }
    }
}
