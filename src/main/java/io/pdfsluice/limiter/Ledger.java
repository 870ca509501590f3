package io.pdfsluice.limiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * A lone instance's record of every place its requests took in a budget's windows, so that a restart (after kill -9,
 * or the next run of a cron job a minute later) starts with the windows as the server still counts them. Each place
 * is written, and forced to disk, before its request goes ({@code t <place> <ms>}); its end follows ({@code a <place>
 * <ms>}, answered, or {@code u <place>}, never sent). An append-only text file, rewritten with only what the longest
 * window still holds once it has grown past a bound. A line a crash cut short is skipped.
 *
 * On restore, an answered place counts from its answer, as the windows count it; a place whose end was never written
 * (the process died with its request in flight) counts from the restore itself, the latest the server can have
 * counted a request of a process that is gone.
 */
final class Ledger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final Path file;
    private final long keepMs;
    private final int compactAfter;
    private FileChannel channel;
    private int lines;

    /**
     * @param keepMs how long a place matters: the plan's longest window plus the margin
     * @param compactAfter lines after which the file is rewritten with what still matters
     */
    Ledger(Path file, long keepMs, int compactAfter) {
        this.file = file;
        this.keepMs = keepMs;
        this.compactAfter = Math.max(1_000, compactAfter);
    }

    /**
     * The times, oldest first, from which the places still in the windows count (an answered place from its answer,
     * one in flight at a crash from {@code now}); rewrites the file with them and opens it for appending.
     */
    synchronized List<Long> restore(long now) {
        List<Long> counted = rewrite(now, true);
        if (!counted.isEmpty()) {
            LOG.infof("Plan ledger %s: %d requests of earlier runs still count in the plan's windows", file,
                    counted.size());
        }
        return counted;
    }

    /**
     * Reads the file and rewrites it with the places that still matter. At a restart, a place whose end was never
     * written counts from {@code now}; while running (compacting), it is a request still in flight, kept under its
     * name for the end to come.
     */
    private List<Long> rewrite(long now, boolean restart) {
        List<Long> counted = new ArrayList<>();
        try {
            Files.createDirectories(file.getParent());
            Map<String, Long> taken = new LinkedHashMap<>();
            Map<String, Long> answered = new HashMap<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ");
                    try {
                        if (f.length == 3 && f[0].equals("t")) {
                            taken.put(f[1], Long.parseLong(f[2]));
                        } else if (f.length == 3 && f[0].equals("a")) {
                            answered.put(f[1], Long.parseLong(f[2]));
                        } else if (f.length == 2 && f[0].equals("u")) {
                            taken.remove(f[1]);
                        }
                    } catch (NumberFormatException cutShort) {
                        // the last line of a process killed while writing it
                    }
                }
            }
            List<String> kept = new ArrayList<>();
            int place = 0;
            for (Map.Entry<String, Long> t : taken.entrySet()) {
                Long end = answered.get(t.getKey());
                if (end == null && !restart) {
                    kept.add("t " + t.getKey() + " " + t.getValue()); // in flight: its end is still to come
                    continue;
                }
                long at = end == null ? now : end;
                if (at + keepMs > now) {
                    counted.add(at);
                    String name = "r" + ++place; // renamed: a run's own places are plain numbers from 1
                    kept.add("t " + name + " " + t.getValue());
                    kept.add("a " + name + " " + at);
                }
            }
            counted.sort(Long::compare);
            replace(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the plan's ledger " + file
                    + " (sluice.state): " + e.getMessage(), e);
        }
        return counted;
    }

    /** The place is taken: on disk before its request goes. */
    synchronized void taken(String place, long at) {
        append("t " + place + " " + at + "\n", true);
    }

    /** The place's request was answered at {@code at}. */
    synchronized void answered(String place, long at) {
        append("a " + place + " " + at + "\n", false);
    }

    /** The place's request never went. */
    synchronized void unsent(String place) {
        append("u " + place + "\n", false);
    }

    private void append(String line, boolean force) {
        try {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            if (force) {
                channel.force(false);
            }
            if (++lines > compactAfter) {
                channel.force(false);
                rewrite(System.currentTimeMillis(), false); // what still matters only
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan's ledger " + file + " (sluice.state): "
                    + e.getMessage(), e);
        }
    }

    /** Replaces the file with these lines (atomically) and opens it for appending. */
    private void replace(List<String> kept) throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, kept.isEmpty() ? new byte[0]
                : (String.join("\n", kept) + "\n").getBytes(StandardCharsets.US_ASCII));
        try (FileChannel sync = FileChannel.open(part, StandardOpenOption.WRITE)) {
            sync.force(true);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = kept.size();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
