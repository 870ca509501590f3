package io.pdfsluice.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** What was asked and answered, for assertions. Everything is guarded by this object's lock. */
final class Tally {

    private final List<Recorded> requests = new ArrayList<>();
    private final List<Recorded> counted = new ArrayList<>();
    private final List<Long> admittedAt = new ArrayList<>();
    private final Set<String> answered = new HashSet<>();
    private int duplicates;

    synchronized void record(Recorded r, boolean admitted) {
        requests.add(r);
        counted.add(r);
        if (admitted) {
            admittedAt.add(r.atMs());
        }
        if (success(r) && !answered.add(fingerprint(r))) {
            duplicates++;
        }
    }

    /** Listed among the requests, but never a success, an admission or a duplicate (job polls, downloads). */
    synchronized void recordUncounted(Recorded r) {
        requests.add(r);
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized int count(int status) {
        return (int) requests.stream().filter(r -> r.status() == status).count();
    }

    synchronized int successes() {
        return (int) counted.stream().filter(Tally::success).count();
    }

    synchronized int duplicateSuccesses() {
        return duplicates;
    }

    synchronized int maxSuccessesInAnyWindow(long windowMs) {
        return densest(counted.stream().filter(Tally::success).map(Recorded::atMs).toList(), windowMs);
    }

    synchronized int maxAdmittedInAnyWindow(long windowMs) {
        return densest(admittedAt, windowMs);
    }

    synchronized void clear() {
        requests.clear();
        counted.clear();
        admittedAt.clear();
        answered.clear();
        duplicates = 0;
    }

    /** The most arrivals within any span shorter than windowMs: the same test the limiter applies. */
    static int densest(List<Long> arrivals, long windowMs) {
        long[] t = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        int best = 0;
        for (int first = 0, last = 0; last < t.length; last++) {
            while (t[last] - t[first] >= windowMs) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

    private static boolean success(Recorded r) {
        return r.status() >= 200 && r.status() < 300;
    }

    private static String fingerprint(Recorded r) {
        String key = r.header("idempotency-key");
        if (key != null) {
            return "key:" + key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
