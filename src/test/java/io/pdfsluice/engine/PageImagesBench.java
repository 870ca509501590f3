package io.pdfsluice.engine;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pdfsluice.bench.EngineRunBench;

/**
 * Not a test: page images per second from the engine's own PageImages (no HTTP, no inbox), with pdftoppm and with
 * PDFBox, next to pdftoppm itself run on the same files one after another (one core), in the same run: a 100-page
 * PDF and twenty of 10 pages, text-heavy (48 lines a page) and simple (3 lines), JPEG at 150 DPI, three rounds each.
 *
 * Run: bash bench/pages
 */
public final class PageImagesBench {

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("page images, %d cores, %d render threads, JPEG 150 DPI quality 0.85%n", threads, threads);
        for (int lines : new int[] { 48, 3 }) {
            Path folder = Files.createTempDirectory("pages-bench");
            List<Path> pdfs = new ArrayList<>();
            pdfs.add(Files.write(folder.resolve("book.pdf"), EngineRunBench.pdf(100, lines)));
            for (int i = 1; i <= 20; i++) {
                pdfs.add(Files.write(folder.resolve("leaflet-" + i + ".pdf"), EngineRunBench.pdf(10, lines)));
            }
            try (PageWorkers workers = new PageWorkers(threads, 2)) {
                TestSettings settings = TestSettings.defaults();
                PageImages poppler = new PageImages(settings, workers,
                        Optional.of(new PopplerPages(Path.of("/usr/bin/pdftoppm"), 150, 0.85f, threads)));
                PageImages pdfBox = new PageImages(settings, workers, Optional.empty());
                for (int round = 1; round <= 3; round++) {
                    double anchor = pdftoppm(pdfs, folder);
                    double ours = run(poppler, pdfs);
                    double java = run(pdfBox, pdfs);
                    System.out.printf("%d lines a page, round %d: pdftoppm alone %.1f pages/s; PageImages with "
                            + "pdftoppm %.1f pages/s (%.2f x); with PDFBox %.1f pages/s (%.2f x)%n", lines, round,
                            300 / anchor, 300 / ours, anchor / ours, 300 / java, anchor / java);
                }
            }
        }
    }

    static double run(PageImages images, List<Path> pdfs) throws Exception {
        long start = System.nanoTime();
        for (Path pdf : pdfs) {
            images.writeZip(pdf, "jpg", OutputStream.nullOutputStream());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double pdftoppm(List<Path> pdfs, Path folder) throws Exception {
        long start = System.nanoTime();
        for (Path pdf : pdfs) {
            Process p = new ProcessBuilder("pdftoppm", "-jpeg", "-r", "150", pdf.toString(),
                    folder.resolve("out").toString()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pdftoppm failed on " + pdf);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("out")).toList()) {
                Files.delete(f);
            }
        }
        return seconds;
    }
}
