package io.pdfsluice.provider;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.SynchronizationAdapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.limiter.QuotaSpentException;
import io.pdfsluice.limiter.SharedStateException;

/**
 * Batch requests, for an API that takes several documents in one request (pdfRelay: up to 50, which count as one
 * request in every rate window and as 50 in the quota). Each document's exchange joins its provider's open batch
 * ({@link #join}); the first to join is the batch's sender: it waits until the batch is full or no document has
 * joined for sluice.api.batch-linger-ms (at most ten lingers in all), then carries the batch's request through its provider's
 * throttle, limiter
 * and breaker (the route's send step), once, and hands each document its own result ({@link #answer}). The others
 * wait in {@link #join} for theirs. A failed item fails its document alone, which is retried alone or in a later
 * batch; a batch that fails as a whole fails each document with its failure, to be waited out or retried as any.
 *
 * The batch's request: {@code {"items": [<the document's own request body, with "id">, …]}}, items sorted by id,
 * where an item's id is its document's Idempotency-Key (so two documents with the same content share one item);
 * the batch's Idempotency-Key hashes those ids, so it is the same for the same documents on every retry and after
 * a restart. The answer: {@code {"results": [{"id", "success": true, "pdf": <base64>} | {"id", "success": false,
 * "status", "error": {"code", "message"}}]}}.
 */
@ApplicationScoped
@Named("batchRequests")
public class BatchRequests {

    /** The exchange property that sends this exchange's batch (true) or says it waited for its item (false). */
    public static final String SENDER = "sluiceBatchSender";
    private static final String BATCH = "sluiceBatchRequest";
    /** The sender's own item: its document's Idempotency-Key, before the batch's replaced it. */
    private static final String OWN_ID = "sluiceBatchOwnItem";

    @Inject
    ApiProfiles profiles;
    @Inject
    ObjectMapper json;
    @Inject
    ApiConfig config;
    @Inject
    AnswerTimes answerTimes;

    /** The batch each provider is filling, if any. */
    private final Map<String, RequestBatch> filling = new HashMap<>();

    /**
     * Joins the document (its request prepared on the message) to its provider's open batch. The batch's sender
     * returns once the batch is full or its linger has passed, with the batch's request on its message; any other
     * document returns with its own item's result on its message, or throws the item's failure.
     */
    public void join(Exchange exchange) throws Exception {
        ApiProfile provider = profiles.of(exchange);
        Message m = exchange.getMessage();
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        String id = m.getHeader("Idempotency-Key", String.class);
        ObjectNode request = request(m, d); // before it joins: a document that cannot be an item joins nothing
        request.put("id", id);
        exchange.setProperty(OWN_ID, id);
        RequestBatch batch;
        RequestBatch.Item item;
        boolean sender;
        synchronized (filling) {
            batch = filling.get(provider.name());
            sender = batch == null;
            if (sender) {
                batch = new RequestBatch(provider, System.currentTimeMillis(), config.api().batchLingerMs());
                filling.put(provider.name(), batch);
            }
            batch.joined(System.currentTimeMillis(), config.api().batchLingerMs());
            item = batch.items.computeIfAbsent(id, k -> new RequestBatch.Item(k, request));
            if (batch.items.size() >= provider.batchSize()) {
                close(batch);
            }
        }
        exchange.setProperty(SENDER, sender);
        if (!sender) {
            answered(m, awaitResult(item));
            return;
        }
        RequestBatch mine = batch;
        exchange.setProperty(BATCH, mine);
        // whatever happens to the sender from here on, no document waits for a batch that will not be answered
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                mine.failRemaining(new ApiException.Unavailable(0, "the batch request sent by "
                        + d.describe() + " ended without an answer for this document"));
            }
        });
        try {
            synchronized (filling) {
                while (!mine.closed && System.currentTimeMillis() < mine.lingerUntil) {
                    filling.wait(Math.max(1, mine.lingerUntil - System.currentTimeMillis()));
                }
                close(mine); // nothing joins a batch whose request is being written
            }
            send(exchange, mine);
        } catch (Exception | Error e) {
            synchronized (filling) {
                close(mine); // first: nothing joins a batch that fails
                mine.failRemaining(new ApiException.Unavailable(0, "the batch request could not be sent: " + e));
            }
            throw e;
        } finally {
            synchronized (filling) {
                close(mine); // also when the wait was interrupted
            }
        }
    }

    /** No more documents join it; the sender stops lingering. */
    private void close(RequestBatch batch) {
        batch.closed = true;
        filling.remove(batch.provider.name(), batch);
        filling.notifyAll();
    }

    /** The document's request body, as the item of a batch: a JSON object. */
    private ObjectNode request(Message m, Document d) throws IOException {
        JsonNode body = json.readTree(m.getBody(String.class));
        if (body == null || !body.isObject()) {
            throw new IllegalStateException(d.describe() + ": a batch item must be a JSON object (the request's "
                    + "template), not " + body);
        }
        return (ObjectNode) body;
    }

    /** The batch's request on the sender's message: its body, its URL, its key and Idempotency-Key. */
    private void send(Exchange exchange, RequestBatch batch) throws IOException {
        ApiProfile provider = batch.provider;
        List<RequestBatch.Item> items = new ArrayList<>(batch.items.values());
        items.sort((a, b) -> a.id.compareTo(b.id));
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("items");
        items.forEach(item -> array.add(item.request));
        Message m = exchange.getMessage();
        m.setBody(json.writeValueAsBytes(body));
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Accept", "application/json");
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        m.setHeader("Idempotency-Key", RequestBatch.key(provider.name(), batch.items.keySet()));
        String url = provider.batchUrl().orElseThrow();
        exchange.setProperty(ApiRequests.URL, url);
        exchange.setProperty(AnswerTimes.TIMEOUT, answerTimes.ceilingMs()); // 50 items: not one document's time
        ApiKey.authorize(provider, m, URI.create(url));
    }

    /**
     * The batch's answer (a 2xx): each item's result to the documents waiting for it, and the sender's own onto its
     * message (or its failure thrown).
     */
    public void answer(Exchange exchange) throws Exception {
        RequestBatch batch = exchange.getProperty(BATCH, RequestBatch.class);
        JsonNode results = json.readTree(exchange.getMessage().getBody(String.class)).path("results");
        Map<String, JsonNode> byId = new HashMap<>();
        results.forEach(r -> byId.put(r.path("id").asText(), r));
        for (RequestBatch.Item item : batch.items.values()) {
            JsonNode result = byId.get(item.id);
            try {
                item.result.complete(RequestBatch.result(batch.provider, item, result));
            } catch (ApiException failed) {
                item.result.completeExceptionally(failed);
            }
        }
        answered(exchange.getMessage(), awaitResult(batch.items.get(exchange.getProperty(OWN_ID, String.class))));
    }

    /**
     * After the batch's request, answered or not: documents it did not answer end with its failure. One that says
     * nothing about them (not the API's: a failure of this instance) is one they are retried after.
     */
    public void release(Exchange exchange) {
        RequestBatch batch = (RequestBatch) exchange.removeProperty(BATCH);
        if (batch == null) {
            return;
        }
        Throwable failure = DocumentExchange.caught(exchange);
        // the API's answer, an open breaker, a shared Redis or the network say the same of every document; any
        // other failure is the sender's own, after which the others are tried again
        boolean forAll = failure instanceof ApiException || failure instanceof CallNotPermittedException
                || failure instanceof SharedStateException || failure instanceof QuotaSpentException
                || failure instanceof IOException;
        batch.failRemaining(forAll ? failure
                : new ApiException.Unavailable(0, "the batch request failed: "
                        + (failure == null ? "no answer" : failure.getMessage())));
    }

    private static byte[] awaitResult(RequestBatch.Item item) throws Exception {
        try {
            return item.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The item's PDF as the document's answer, as a synchronous 200 would have brought it. */
    private static void answered(Message m, byte[] pdf) {
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "application/pdf");
        m.setBody(pdf);
    }
}
