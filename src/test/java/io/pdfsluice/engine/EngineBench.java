package io.pdfsluice.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Not a test: prints documents per second for Markdown to PDF on 1 and 2 threads, for the engine's shared parsed
 * fonts and for the plain "font bytes from a supplier" registration, plus page images per second.
 *
 * Run: java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) io.pdfsluice.engine.EngineBench [docs]
 */
public final class EngineBench {

    private static final String DOCUMENT = """
            # Monthly statement %d

            Dear customer, this is your **statement** for the period. Καλημέρα, Привет.

            ## Items

            | Item | Quantity | Price |
            |------|----------|-------|
            | Widget | 3 | 12.50 |
            | Gadget | 1 | 99.00 |
            | Sprocket | 12 | 0.75 |

            - Payment is due in *30 days*.
            - Questions? Call `+1 555 0100`.

            ```
            reference: INV-%d
            ```
            """;

    private interface Typesetting {
        void write(org.w3c.dom.Document document, OutputStream out) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        TestSettings settings = TestSettings.defaults();
        MarkdownPage markdown = new MarkdownPage(settings);
        HtmlPage html = new HtmlPage(settings);
        PdfTypesetter shared = new PdfTypesetter(settings);
        shared.loadFonts();
        Typesetting streamed = streamedFonts();

        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up  " : "measured ";
            for (int threads = 1; threads <= 2; threads++) {
                report(label + "shared parsed fonts  ", threads, docs,
                        run(docs, threads, i -> shared.write(page(markdown, html, i), OutputStream.nullOutputStream())));
                report(label + "font bytes, per doc  ", threads, docs / 4,
                        run(docs / 4, threads, i -> streamed.write(page(markdown, html, i),
                                OutputStream.nullOutputStream())));
            }
        }
        pageImages(settings);
    }

    private static org.w3c.dom.Document page(MarkdownPage markdown, HtmlPage html, int i) {
        return html.toDocument(markdown.toXhtml(DOCUMENT.formatted(i, i), null), null);
    }

    /** The documented OpenHTMLtoPDF way: each document parses the TTF bytes again. */
    private static Typesetting streamedFonts() throws IOException {
        List<Object[]> faces = List.of(
                new Object[] { "DejaVuSans.ttf", "DejaVu Sans", 400, FontStyle.NORMAL },
                new Object[] { "DejaVuSans-Bold.ttf", "DejaVu Sans", 700, FontStyle.NORMAL },
                new Object[] { "DejaVuSans-Oblique.ttf", "DejaVu Sans", 400, FontStyle.ITALIC },
                new Object[] { "DejaVuSans-BoldOblique.ttf", "DejaVu Sans", 700, FontStyle.ITALIC },
                new Object[] { "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400, FontStyle.NORMAL },
                new Object[] { "DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", 700, FontStyle.NORMAL });
        List<byte[]> bytes = new ArrayList<>();
        for (Object[] face : faces) {
            try (InputStream in = EngineBench.class.getResourceAsStream("/fonts/" + face[0])) {
                bytes.add(in.readAllBytes());
            }
        }
        return (document, out) -> {
            PdfRendererBuilder builder = new PdfRendererBuilder().withW3cDocument(document, null).toStream(out);
            for (int i = 0; i < faces.size(); i++) {
                byte[] font = bytes.get(i);
                builder.useFont(() -> new ByteArrayInputStream(font), (String) faces.get(i)[1],
                        (Integer) faces.get(i)[2], (FontStyle) faces.get(i)[3], true);
            }
            builder.run();
        };
    }

    private interface Job {
        void run(int i) throws Exception;
    }

    private static long run(int docs, int threads, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < docs; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    job.run(n);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String label, int threads, int count, long nanos) {
        System.out.printf("%s %d thread(s): %5d docs in %6d ms = %6.1f docs/s%n", label, threads, count,
                nanos / 1_000_000, count / (nanos / 1e9));
    }

    private static void pageImages(TestSettings settings) throws Exception {
        Path folder = Files.createTempDirectory("engine-bench");
        Path pdf = SamplePdfs.write(folder, "ten.pdf", SamplePdfs.letterPages(10));
        for (String format : List.of("jpg", "png")) {
            for (int threads = 1; threads <= 2; threads++) {
                try (PageWorkers workers = new PageWorkers(threads, 1)) {
                    PageImages images = new PageImages(settings, workers);
                    for (int round = 0; round < 2; round++) {
                        long nanos = run(8, 1, i -> images.writeZip(pdf, format, new ByteArrayOutputStream()));
                        if (round == 1) {
                            System.out.printf("page images %s at %d dpi, %d render thread(s): %6.1f pages/s%n",
                                    format, settings.dpi(), threads, 80 / (nanos / 1e9));
                        }
                    }
                }
            }
        }
        try {
            Files.delete(pdf);
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
