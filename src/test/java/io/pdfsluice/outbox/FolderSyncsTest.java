package io.pdfsluice.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSyncsTest {

    @TempDir
    Path folder;

    /** A logical clock: renames and sync starts take increasing numbers from it. */
    final AtomicLong clock = new AtomicLong();
    /** The start number of the latest sync that has ended (syncs of a folder run one at a time). */
    final AtomicLong lastEndedSyncStart = new AtomicLong();

    final FolderSyncs.Force slowFsync = path -> {
        long start = clock.incrementAndGet();
        try {
            Thread.sleep(3); // a disk's sync takes time, in which more documents arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastEndedSyncStart.accumulateAndGet(start, Math::max);
    };

    @Test
    void aLoneDocumentSyncsTheFolderItselfEveryTime() throws Exception {
        FolderSyncs syncs = new FolderSyncs(slowFsync);
        for (int i = 0; i < 3; i++) {
            long renamed = clock.incrementAndGet();
            syncs.sync(folder);
            assertTrue(lastEndedSyncStart.get() > renamed, "returned before a sync that began after its rename");
        }
        assertEquals(3, syncs.forced());
    }

    @Test
    void documentsRenamedTogetherShareSyncsAndEachReturnsOnlyAfterOneThatBeganAfterItsRename() throws Exception {
        FolderSyncs syncs = new FolderSyncs(slowFsync);
        int documents = 64;
        ExecutorService pool = Executors.newFixedThreadPool(documents);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> covered = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            int n = i;
            covered.add(pool.submit(() -> {
                go.await();
                for (int round = 0; round < 5; round++) {
                    Files.writeString(folder.resolve("doc-" + n + "-" + round + ".pdf"), "%PDF-");
                    long renamed = clock.incrementAndGet();
                    syncs.sync(folder);
                    if (lastEndedSyncStart.get() <= renamed) {
                        return false;
                    }
                }
                return true;
            }));
        }
        go.countDown();
        for (Future<Boolean> f : covered) {
            assertTrue(f.get(60, TimeUnit.SECONDS), "a document returned before a sync that began after its rename");
        }
        pool.shutdown();
        long forced = syncs.forced();
        // each thread's five rounds need five syncs one after another; fewer syncs than documents means they shared
        // (how many fewer depends on the scheduler, so the bound stays loose)
        assertTrue(forced >= 5 && forced < documents * 5,
                documents * 5 + " documents in rounds of " + documents + " made " + forced + " folder syncs");
    }

    @Test
    void theRealFsyncRunsOnAFolder() throws Exception {
        FolderSyncs syncs = new FolderSyncs();
        Files.writeString(folder.resolve("doc.pdf"), "%PDF-");
        syncs.sync(folder);
        assertEquals(1, syncs.forced());
    }
}
