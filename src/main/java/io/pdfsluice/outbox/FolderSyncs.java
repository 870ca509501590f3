package io.pdfsluice.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of folder entries: a folder's fsync covers every rename into it that finished before the fsync
 * began, so documents that land in one folder at the same time share one folder sync instead of queueing one each.
 * A document takes a ticket after its rename; whoever holds the folder's lock syncs for every ticket taken so far,
 * and a document whose ticket a finished sync covered returns without syncing. The folders are the few that queue
 * outputs go to (sluice.queue.outputs), so each keeps its entry.
 */
final class FolderSyncs {

    /** What syncs a folder: fsync, or a stand-in in tests. */
    interface Force {
        void force(Path folder) throws IOException;
    }

    private final ConcurrentHashMap<Path, Folder> folders = new ConcurrentHashMap<>();
    private final Force force;
    private final AtomicLong forced = new AtomicLong();

    FolderSyncs() {
        this(FolderSyncs::fsync);
    }

    FolderSyncs(Force force) {
        this.force = force;
    }

    /** Returns once an fsync of {@code folder} that began after this call has ended. */
    void sync(Path folder) throws IOException {
        folders.computeIfAbsent(folder, Folder::new).sync();
    }

    /** Folder syncs made so far. */
    long forced() {
        return forced.get();
    }

    private final class Folder {

        private final Path path;
        private final ReentrantLock syncing = new ReentrantLock();
        private long taken; // tickets handed out, guarded by this
        private long covered; // the highest ticket a finished sync covered, guarded by this

        Folder(Path path) {
            this.path = path;
        }

        void sync() throws IOException {
            long ticket;
            synchronized (this) {
                ticket = ++taken;
            }
            syncing.lock();
            try {
                long upTo;
                synchronized (this) {
                    if (covered >= ticket) {
                        return;
                    }
                    upTo = taken; // every ticket so far was taken after its rename, before this sync begins
                }
                force.force(path);
                forced.incrementAndGet();
                synchronized (this) {
                    covered = upTo;
                }
            } finally {
                syncing.unlock();
            }
        }
    }

    private static void fsync(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // some file systems cannot open a folder for sync; the files' own data is on disk either way
        }
    }
}
