package io.pdfsluice.provider;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pdfsluice.document.ContentDigest;

/**
 * One batch request being filled, then sent by its first document's exchange (see {@link BatchRequests}): its items,
 * how long it lingers, its Idempotency-Key, and how an item's result is read. Its fields change under the lock of
 * BatchRequests only.
 */
final class RequestBatch {

    final ApiProfile provider;
    /** The most a batch lingers, however steadily documents join it: ten times sluice.api.batch-linger-ms. */
    final long lingerAtMost;
    long lingerUntil;
    final Map<String, Item> items = new LinkedHashMap<>();
    boolean closed;

    RequestBatch(ApiProfile provider, long now, long lingerMs) {
        this.provider = provider;
        this.lingerUntil = now + lingerMs;
        this.lingerAtMost = now + 10 * lingerMs;
    }

    /** A document joined: the batch waits a linger more for the next one (documents still coming, as at start). */
    void joined(long now, long lingerMs) {
        lingerUntil = Math.min(lingerAtMost, Math.max(lingerUntil, now + lingerMs));
    }

    /** Every item not answered yet ends with {@code failure}. Called once the batch is closed: nothing joins it. */
    void failRemaining(Throwable failure) {
        List.copyOf(items.values()).forEach(item -> item.result.completeExceptionally(failure));
    }

    /** One item of a batch: its request body, and the documents waiting for its result. */
    static final class Item {
        final String id;
        final ObjectNode request;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Item(String id, ObjectNode request) {
            this.id = id;
            this.request = request;
        }
    }

    /**
     * A batch's Idempotency-Key: a hash of its items' ids (each its document's own key) in sorted order, so the same
     * documents make the same key whatever order they joined in, on a retry and after a restart.
     */
    static String key(String provider, Collection<String> itemIds) {
        ContentDigest digest = new ContentDigest().add(provider + "\nbatch\n");
        itemIds.stream().sorted().forEach(id -> digest.add(id + "\n"));
        return digest.hex(16);
    }

    /** An item's result: its PDF, or the failure of that document alone. */
    static byte[] result(ApiProfile provider, Item item, JsonNode result) {
        if (result == null) {
            throw new ApiException.Unavailable(0, "the batch answer of " + provider.name() + " has no result for item "
                    + item.id);
        }
        if (result.path("success").asBoolean(false) && result.path("pdf").isTextual()) {
            try {
                return Base64.getDecoder().decode(result.path("pdf").asText());
            } catch (IllegalArgumentException e) {
                throw new ApiException.Unavailable(0, "the batch answer of " + provider.name() + " for item " + item.id
                        + " is not base64: " + e.getMessage());
            }
        }
        int status = result.path("status").asInt(0);
        String detail = "item " + item.id + " of a batch to " + provider.name() + " failed: "
                + (status == 0 ? "" : "HTTP " + status + " ") + ApiAnswers.snippet(provider,
                        result.path("error").path("code").asText("") + " "
                                + result.path("error").path("message").asText("no reason given"));
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            throw new ApiException.Unavailable(status, detail);
        }
        throw new ApiException.Rejected(status, detail);
    }

}
