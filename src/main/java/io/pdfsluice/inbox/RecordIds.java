package io.pdfsluice.inbox;

import java.util.Arrays;

import io.pdfsluice.document.Document;

/**
 * The record ids a manifest has given so far, so that a second record with an id (whose output would overwrite the
 * first's) fails instead of racing it. Kept as 64-bit hashes in an open-addressing table, 16-32 bytes an id,
 * so that a million-record manifest stays in flat memory: two different ids share a hash with a chance of about
 * n²/2⁶⁵ (3·10⁻⁸ for a million ids), the only way an id could be taken for a duplicate that is not one.
 */
public final class RecordIds {

    private static final long EMPTY = 0;
    private long[] table = new long[1024];
    private int size;

    /**
     * The document itself, or, when an earlier valid record of {@code source} gave its id, the document failed
     * with that reason. It keeps its content but not the id, so that its dead letter, dropped into the inbox again
     * unmended, fails again ("no id") instead of being skipped for the first record's output. Invalid documents take
     * no id: their outputs are never written.
     */
    public Document once(Document d, String source) {
        if (d == null || d.isInvalid() || d.id() == null || add(d.id())) {
            return d;
        }
        return new Document(d.source(), d.stem(), null, d.where(), d.kind(), d.title(), d.text(), d.pdf(), null,
                d.record(), d.describe() + ": duplicate id: an earlier record of " + source + " has it, and its output "
                        + d.output() + "; give this one an id of its own");
    }

    /** Adds an id; false when this manifest gave it before. */
    boolean add(String id) {
        long h = hash(id);
        if (size * 2 >= table.length) {
            grow();
        }
        if (!insert(table, h)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] into, long h) {
        int mask = into.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask;; i = (i + 1) & mask) {
            if (into[i] == EMPTY) {
                into[i] = h;
                return true;
            }
            if (into[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] grown = new long[table.length * 2];
        Arrays.stream(table).filter(h -> h != EMPTY).forEach(h -> insert(grown, h));
        table = grown;
    }

    /** FNV-1a over the chars, then a 64-bit finalizer (splitmix64); never EMPTY. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == EMPTY ? 1 : h;
    }
}
