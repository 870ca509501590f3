package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageWorkersTest {

    private static final long MB = 1L << 20;

    @Test
    void automaticallyOneThreadPerCoreWhenTheHeapHasRoom() {
        assertEquals(2, PageWorkers.threadsFor(TestSettings.defaults(), 2, 4096 * MB));
        assertEquals(8, PageWorkers.threadsFor(TestSettings.defaults(), 8, 4096 * MB));
    }

    @Test
    void automaticallyNoMoreThreadsThanTheHeapHasRoomFor() {
        // 96 MB each by default: a 256 MB heap takes two, a 96 MB heap still gets one.
        assertEquals(2, PageWorkers.threadsFor(TestSettings.defaults(), 8, 256 * MB));
        assertEquals(1, PageWorkers.threadsFor(TestSettings.defaults(), 8, 96 * MB));
        assertEquals(1, PageWorkers.threadsFor(TestSettings.defaults(), 8, 32 * MB));
        assertEquals(4, PageWorkers.threadsFor(TestSettings.defaults().withRenderThreads(0, 64), 8, 256 * MB));
    }

    @Test
    void anExplicitThreadCountWins() {
        assertEquals(3, PageWorkers.threadsFor(TestSettings.defaults().withRenderThreads(3, 96), 2, 64 * MB));
    }

    @Test
    void negativeOrZeroBudgetsAreConfigurationErrors() {
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> PageWorkers.threadsFor(TestSettings.defaults().withRenderThreads(-1, 96), 2, 256 * MB));
        assertEquals("sluice.engine.render-threads must be 0 (automatic) or more, not -1", threads.getMessage());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> PageWorkers.threadsFor(TestSettings.defaults().withRenderThreads(0, 0), 2, 256 * MB));
        assertEquals("sluice.engine.render-heap-mb must be at least 1, not 0", heap.getMessage());
    }
}
