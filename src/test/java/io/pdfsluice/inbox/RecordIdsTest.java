package io.pdfsluice.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pdfsluice.document.Document;
import io.pdfsluice.document.Kind;

class RecordIdsTest {

    @Test
    void everyIdIsNewOnceAndADuplicateAfterAnyNumberOfOthers() {
        RecordIds ids = new RecordIds();
        int n = 300_000; // past several doublings of the table
        for (int i = 0; i < n; i++) {
            assertTrue(ids.add("inv-" + i), "inv-" + i);
        }
        for (int i = 0; i < n; i += 997) {
            assertFalse(ids.add("inv-" + i), "inv-" + i);
        }
        assertTrue(ids.add("inv-" + n));
    }

    @Test
    void idsThatDifferInOneCharOrInOrderHashApart() {
        Set<Long> hashes = new HashSet<>();
        for (String id : new String[] { "ab", "ba", "a", "b", "inv-1", "inv-10", "inv-01", "Inv-1", "", "0" }) {
            assertTrue(hashes.add(RecordIds.hash(id)), id);
        }
    }

    @Test
    void aSecondValidRecordOfAnIdFailsNamingItsOutputAndInvalidOnesTakeNoId() {
        RecordIds ids = new RecordIds();
        Document invalid = Document.invalid("z.jsonl", "z", "dup", "line 1", "{}", "z.jsonl line 1: no body");
        Document first = Document.ofRecord("z.jsonl", "z", "dup", "line 2", Kind.MARKDOWN, "First", "# First", "{}");
        Document second = Document.ofRecord("z.jsonl", "z", "dup", "line 3", Kind.MARKDOWN, "Second", "# 2", "{\"id\":2}");
        assertSame(invalid, ids.once(invalid, "z.jsonl"));
        assertSame(first, ids.once(first, "z.jsonl"));
        Document failed = ids.once(second, "z.jsonl");
        assertEquals("z.jsonl line 3 (id dup): duplicate id: an earlier record of z.jsonl has it, and its output "
                + "z/dup.pdf; give this one an id of its own", failed.error());
        assertEquals(null, failed.id(), "its dead letter has no id: unmended, a re-run fails it again");
        assertEquals("# 2", failed.text(), "and keeps its content, to be given one");
        assertEquals("{\"id\":2}", failed.record(), "the dead letter keeps the record");
        assertEquals("line 3", failed.where());
    }
}
