package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class PageRunTest {

    @Test
    void pagesFinishedOutOfOrderAreHandedOutInOrder() throws Exception {
        PageRun run = new PageRun(3, 3);
        EncodedPage[] pages = { new EncodedPage(), new EncodedPage(), new EncodedPage() };
        assertEquals(0, run.take());
        assertEquals(1, run.take());
        assertEquals(2, run.take());
        assertEquals(-1, run.take());

        run.done(2, pages[2]);
        run.done(0, pages[0]);
        run.done(1, pages[1]);

        assertSame(pages[0], run.next());
        assertSame(pages[1], run.next());
        assertSame(pages[2], run.next());
    }

    @Test
    void theWindowLetsWorkersAheadOnlyAsFarAsItsSize() throws Exception {
        PageRun run = new PageRun(5, 2);
        assertEquals(0, run.take());
        assertEquals(1, run.take());
        run.done(0, new EncodedPage());
        run.next();
        // Page 0 is written, so page 2 fits in the window; page 3 would not until page 1 is written.
        assertEquals(2, run.take());
        run.done(1, new EncodedPage());
        run.next();
        assertEquals(3, run.take());
        assertTrue(run.hasPagesLeft());
    }

    @Test
    void aFailureStopsWorkersAndIsWhatTheWriterGets() throws Exception {
        PageRun run = new PageRun(10, 4);
        run.take();
        IOException broken = new IOException("broken page");

        run.fail(broken);
        run.fail(new IOException("a later failure is not reported"));

        assertEquals(-1, run.take());
        assertFalse(run.hasPagesLeft());
        assertSame(broken, assertThrows(IOException.class, run::next));
    }

    @Test
    void aRuntimeFailureReachesTheWriterAsAnIOExceptionWithItsCause() {
        PageRun run = new PageRun(1, 1);
        IllegalStateException bug = new IllegalStateException("bug");

        run.fail(bug);

        assertSame(bug, assertThrows(IOException.class, run::next).getCause());
    }

    @Test
    void encodedPagesKeepTheirBytesSizeAndCrc() throws Exception {
        EncodedPage page = new EncodedPage();
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        page.write(bytes, 0, 150_000);
        page.write(bytes, 150_000, 50_000);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        page.writeTo(out);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);

        assertEquals(200_000, page.size());
        assertEquals(crc.getValue(), page.crc32());
        assertTrue(java.util.Arrays.equals(bytes, out.toByteArray()));
    }
}
