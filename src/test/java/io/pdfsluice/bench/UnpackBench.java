package io.pdfsluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

import io.pdfsluice.outbox.PageSetMemoryTest;

/**
 * Unpacking a large ZIP answer into a page set against a plain copy of the same bytes on the same disk, with the
 * heap's peak (a program that prints figures, not a test). Usage: {@code bash bench/unpack [pages] [kb-per-page]}.
 */
public final class UnpackBench {

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int kb = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path root = Files.createTempDirectory(Path.of("target"), "unpack-bench");
        Path zip = root.resolve("answer.zip");
        PageSetMemoryTest.writeZip(zip, pages, kb * 1024);
        double mb = Files.size(zip) / 1e6;
        System.out.printf("%d pages of %d KB, %.0f MB ZIP, heap max %d MB%n", pages, kb, mb,
                Runtime.getRuntime().maxMemory() >> 20);
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            try (var in = Files.newInputStream(zip); var out = Files.newOutputStream(root.resolve("copy-" + round))) {
                in.transferTo(out); // the same bytes through the JVM, as unpacking moves them
            }
            double copy = (System.nanoTime() - start) / 1e9;
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            start = System.nanoTime();
            PageSetMemoryTest.Unpack.unpack(zip, root.resolve("outbox-" + round));
            double unpack = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("round %d: stream copy %.2f s (%.0f MB/s), unpack to page set %.2f s (%.0f MB/s), "
                    + "heap peak during unpack %d MB%n", round, copy, mb / copy, unpack, mb / unpack, peak >> 20);
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
