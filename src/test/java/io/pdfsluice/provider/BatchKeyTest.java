package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A batch's Idempotency-Key names its documents, not the order they joined in or the run that sent it. */
class BatchKeyTest {

    @Test
    void theSameDocumentsMakeTheSameKeyInAnyOrderAndOthersAnother() {
        String key = RequestBatch.key("pdfrelay", List.of("a1", "b2", "c3"));
        assertEquals(key, RequestBatch.key("pdfrelay", List.of("c3", "a1", "b2")), "join order");
        assertEquals(32, key.length());
        assertNotEquals(key, RequestBatch.key("pdfrelay", List.of("a1", "b2")), "a document fewer");
        assertNotEquals(key, RequestBatch.key("relay-eu", List.of("a1", "b2", "c3")), "another provider");
    }
}
