package io.pdfsluice.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.pdfsluice.e2e.App;
import io.pdfsluice.e2e.Drop;
import io.pdfsluice.e2e.Folders;

/**
 * The embedded engine through the whole app (a program that prints figures, not a test): run-once over a
 * 2,000-record Markdown manifest, and PDF -> JPG at 150 DPI over a 100-page PDF and 20 ten-page PDFs, next to
 * {@code pdftoppm -jpeg -r 150} at the app's JPEG quality on the same files. Usage:
 * {@code bash bench/engine [heap, e.g. 256m]}.
 */
public final class EngineRunBench {

    public static void main(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(ClusterBench.jvmOptions())); // SLUICE_BENCH_JVM, to profile
        if (args.length > 0) {
            options.add("-Xmx" + args[0]);
        }
        String[] jvm = options.toArray(String[]::new);
        java.util.logging.Logger.getLogger("org.apache.pdfbox").setLevel(java.util.logging.Level.SEVERE);
        System.out.printf("embedded engine, %d cores, JVM options: %s%n", Runtime.getRuntime().availableProcessors(),
                options.isEmpty() ? "none" : String.join(" ", options));
        // SLUICE_BENCH_ONLY=pages (or one-page, markdown; comma-separated) runs only those parts
        List<String> parts = List.of(System.getenv().getOrDefault("SLUICE_BENCH_ONLY", "one-page,markdown,pages,simple-pages")
                .split("\\s*,\\s*"));
        if (parts.contains("one-page")) {
            onePage(jvm);
        }
        if (parts.contains("markdown")) {
            markdown(jvm);
        }
        if (parts.contains("pages")) {
            pages(jvm, 48, "text-heavy");
        }
        if (parts.contains("simple-pages")) {
            pages(jvm, 3, "simple");
        }
    }

    /** The first PDF of a cold JVM when the inbox holds a single Markdown page: start-up plus one conversion. */
    static void onePage(String[] jvm) throws Exception {
        Path root = fresh("engine-one");
        Drop.text(root.resolve("inbox"), "hello.md", "# Hello\n\nGrüße, Καλημέρα, Привет.\n");
        Measured m = run(root, jvm, root.resolve("outbox"), ".pdf");
        System.out.printf("one Markdown page: first PDF %.2f s after JVM start%n", m.firstOutputSeconds);
    }

    static void markdown(String[] jvm) throws Exception {
        Path root = fresh("engine-md");
        int n = Integer.parseInt(System.getenv().getOrDefault("SLUICE_BENCH_DOCS", "2000")); // a longer run: 10000
        Drop.text(root.resolve("inbox"), "invoices.jsonl", IntStream.rangeClosed(1, n).mapToObj(i -> String.format(
                "{\"id\":\"inv-%04d\",\"title\":\"Invoice %04d\",\"markdown\":\"# Invoice %04d\\n\\n**Account:** %d\\n\\n"
                        + "| Item | Qty | Amount |\\n|---|---|---|\\n| Service | 1 | %d.00 EUR |\\n| Support | 2 | 40.00 EUR |\\n\\n"
                        + "Thank you for your business. Grüße, Καλημέρα, Привет.\\n\"}",
                i, i, i, 1000 + i, i % 97))
                .collect(Collectors.joining("\n", "", "\n")));
        Measured m = run(root, jvm, root.resolve("outbox/invoices"), ".pdf");
        String report = Files.readString(root.resolve("outbox/invoices.report.json"));
        System.out.printf("md -> PDF: %d documents, first PDF %.2f s after JVM start, wall %.1f s, "
                + "report docs_per_s %s, peak RSS %d MB%n", n, m.firstOutputSeconds, m.wallSeconds,
                report.replaceAll("(?s).*\"docs_per_s\"\\s*:\\s*([0-9.]+).*", "$1"), m.peakRssKb / 1024);
    }

    /**
     * PDF -> JPG of the same files by the app and by pdftoppm, {@code SLUICE_BENCH_ROUNDS} times (default 1), each
     * round the idle run-once, the app and pdftoppm one after the other, so that a machine that slows down for a
     * while weighs on both sides; with more than one round the median of the rounds' ratios follows.
     */
    static void pages(String[] jvm, int lines, String kind) throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("SLUICE_BENCH_ROUNDS", "1"));
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ratios.add(pagesRound(jvm, lines, kind));
        }
        if (rounds > 1) {
            List<Double> sorted = ratios.stream().sorted().toList();
            double median = rounds % 2 == 1 ? sorted.get(rounds / 2)
                    : (sorted.get(rounds / 2 - 1) + sorted.get(rounds / 2)) / 2;
            System.out.printf("PDF -> JPG, %s pages: the app's pages/s over pdftoppm's in %d rounds: %s, median %.2f x%n",
                    kind, rounds, ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(" / ")),
                    median);
        }
    }

    /** One round of {@link #pages}: prints it, and gives the app's pages/s over pdftoppm's. */
    static double pagesRound(String[] jvm, int lines, String kind) throws Exception {
        Path root = fresh("engine-pages");
        List<Path> pdfs = new ArrayList<>();
        pdfs.add(Drop.bytes(root.resolve("inbox"), "book.pdf", pdf(100, lines)));
        for (int i = 1; i <= 20; i++) {
            pdfs.add(Drop.bytes(root.resolve("inbox"), String.format("leaflet-%02d.pdf", i), pdf(10, lines)));
        }
        Path scratch = Files.createTempDirectory("pdftoppm");
        for (Path p : pdfs) {
            Files.copy(p, scratch.resolve(p.getFileName()));
        }
        Measured idle = run(fresh("engine-idle"), jvm, root.resolve("none"), "none");
        Measured m = run(root, jvm, root.resolve("outbox"), "pages.json");
        long pages = countPages(root.resolve("outbox"));
        double converting = m.wallSeconds - idle.wallSeconds;
        double pdftoppm = pdftoppm(scratch);
        System.out.printf("PDF -> JPG 150 DPI, %s pages (%d lines): %d pages, wall %.1f s, minus %.1f s for the same "
                + "run-once on an empty inbox = %.1f s converting, %.1f pages/s, %.0f KB a page; pdftoppm -jpeg -jpegopt "
                + "quality=" + JPEG_QUALITY + " -r 150 "
                + "on the same files: %.1f s = %.1f pages/s, %.0f KB a page; peak RSS %d MB%n", kind, lines, pages,
                m.wallSeconds, idle.wallSeconds, converting, pages / converting,
                bytes(root.resolve("outbox"), "page-\\d+\\.jpg") / 1024.0 / pages, pdftoppm, pages / pdftoppm,
                bytes(scratch, ".*-page-\\d+\\.jpg") / 1024.0 / pages, m.peakRssKb / 1024);
        Folders.delete(scratch);
        return pdftoppm / converting;
    }

    record Measured(double wallSeconds, double firstOutputSeconds, long peakRssKb) {
    }

    /** Runs the app to its end, noting when the first output appeared and the highest RSS seen. */
    static Measured run(Path root, String[] jvm, Path outputs, String suffix) throws Exception {
        long start = System.nanoTime();
        App app = App.start(root, Map.of("SLUICE_RUN_ONCE", "true"), jvm);
        double first = -1;
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(app.pid()), "status");
        while (true) {
            if (first < 0 && hasOutput(outputs, suffix)) {
                first = (System.nanoTime() - start) / 1e9;
            }
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException gone) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int exit = app.exitCode(10);
        if (exit != 0) {
            System.out.println("  (exit code " + exit + ", see " + app.log() + ")");
        }
        return new Measured((System.nanoTime() - start) / 1e9, first, peak);
    }

    static boolean hasOutput(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        } catch (IOException | java.io.UncheckedIOException renamedWhileWalking) {
            return false;
        }
    }

    static long countPages(Path outbox) throws IOException {
        try (Stream<Path> files = Files.walk(outbox)) {
            return files.filter(p -> p.getFileName().toString().matches("page-\\d+\\.jpg")).count();
        }
    }

    static long bytes(Path folder, String names) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long sum = 0;
            for (Path p : files.filter(f -> f.getFileName().toString().matches(names)).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /**
     * The app's JPEG quality (sluice.engine.jpeg-quality in application.properties, 0..1) as pdftoppm's 0..100: the
     * anchor encodes the same pages at the same quality, so that both write the same bytes.
     */
    static final int JPEG_QUALITY = jpegQuality();

    private static int jpegQuality() {
        Properties app = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            app.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Math.round(Float.parseFloat(app.getProperty("sluice.engine.jpeg-quality")) * 100);
    }

    static double pdftoppm(Path folder) throws Exception {
        long start = System.nanoTime();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path pdf : files.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                Process p = new ProcessBuilder("pdftoppm", "-jpeg", "-jpegopt", "quality=" + JPEG_QUALITY, "-r", "150",
                        pdf.toString(),
                        folder.resolve(pdf.getFileName() + "-page").toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("pdftoppm failed on " + pdf);
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A PDF of n pages with {@code lines} lines of text each: 48 is text-heavy, like an OCRed report; 3 simple. */
    public static byte[] pdf(int pages, int lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(font, 11);
                    text.setLeading(14);
                    text.newLineAtOffset(60, 740);
                    for (int line = 0; line < lines; line++) {
                        text.showText("Page " + i + ", line " + line + ": the quick brown fox jumps over the lazy dog.");
                        text.newLine();
                    }
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static Path fresh(String name) {
        Path root = Folders.ROOT.resolveSibling("bench").resolve(name);
        Folders.clean(root);
        return root;
    }
}
