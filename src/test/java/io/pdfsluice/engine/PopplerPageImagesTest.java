package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link PageImagesTest} again with poppler's pdftoppm drawing the pages, then what the PDFBox
 * render is the reference for (sizes, pixels, file size), and a pdftoppm that fails, lies or hangs.
 */
class PopplerPageImagesTest extends PageImagesTest {

    static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");

    @Override
    TestSettings settings() {
        return TestSettings.defaults().withRenderer(Files.isExecutable(PDFTOPPM) ? "poppler" : "pdfbox");
    }

    @BeforeEach
    void needsPoppler() {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(PDFTOPPM), "poppler-utils is not installed");
        }
        assertTrue(Files.isExecutable(PDFTOPPM), "pdftoppm (poppler-utils) is installed, as .ci/run does");
    }

    @Test
    void popplerDrawsWhatPdfBoxDrawsAtTheSameSizeAndAboutTheSameBytes() throws Exception {
        Path pdf = SamplePdfs.write(folder, "report.pdf", SamplePdfs.letterPages(4));
        PageImages pdfBox = new PageImages(TestSettings.defaults(), workers, Optional.empty());
        Map<String, byte[]> reference = zip(pdfBox, pdf);
        Map<String, byte[]> drawn = zip(pageImages, pdf);

        assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(drawn.keySet()));
        for (String entry : reference.keySet()) {
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(reference.get(entry)));
            BufferedImage actual = ImageIO.read(new ByteArrayInputStream(drawn.get(entry)));
            assertEquals(expected.getWidth(), actual.getWidth(), entry);
            assertEquals(expected.getHeight(), actual.getHeight(), 1, entry);
            double difference = meanDifference(expected, actual);
            assertTrue(difference < 4, entry + ": mean difference per channel " + difference + " of 255");
            double ratio = (double) drawn.get(entry).length / reference.get(entry).length;
            assertTrue(ratio > 0.5 && ratio < 2, entry + ": " + drawn.get(entry).length + " bytes against PDFBox's "
                    + reference.get(entry).length);
        }
    }

    @Test
    void aPdftoppmThatFailsLiesOrLeavesAPageOutLeavesThePagesToPdfBox() throws Exception {
        Path pdf = SamplePdfs.write(folder, "three.pdf", SamplePdfs.letterPages(3));
        Map<String, byte[]> reference = zip(new PageImages(TestSettings.defaults(), workers, Optional.empty()), pdf);
        // pdftoppm's arguments: -r 150 -f <first> -l <last> -cropbox -jpeg -jpegopt quality=85 <pdf> <prefix>
        String last = "for a; do p=$a; done; ";
        List<String> liars = List.of(
                "echo 'Syntax Error: broken' >&2; exit 99", // fails
                "printf 'Syntax Error: \\377\\376 in a font name\\n' >&2; exit 1", // and says so in the PDF's bytes
                last + "i=$4; while [ $i -le $6 ]; do echo not-a-jpeg > \"$p-$i.jpg\"; i=$((i+1)); done", // lies
                last + PDFTOPPM + " -jpeg -f $4 -l $6 \"${11}\" \"$p\"; rm \"$p\"-*$6.jpg", // leaves a page out
                last + "exec " + PDFTOPPM + " -jpeg -f 1 -l 1 \"${11}\" \"$p\""); // the document's first page only
        for (String liar : liars) {
            PageImages lied = new PageImages(settings(), workers,
                    Optional.of(new PopplerPages(script(liar), 150, 0.85f, 3)));
            Map<String, byte[]> drawn = zip(lied, pdf);
            assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(drawn.keySet()), liar);
            for (String entry : reference.keySet()) {
                assertTrue(java.util.Arrays.equals(reference.get(entry), drawn.get(entry)),
                        liar + ": " + entry + " is PDFBox's");
            }
        }
    }

    @Test
    void aHungPdftoppmIsKilledAtTheDeadline() throws Exception {
        Path pdf = SamplePdfs.write(folder, "two.pdf", SamplePdfs.letterPages(2));
        PageImages hung = new PageImages(settings(), workers,
                Optional.of(new PopplerPages(script("exec sleep 30"), 150, 0.85f, 3)));
        long scratchBefore = scratchFolders();
        long start = System.nanoTime();
        assertThrows(RenderLimitException.class, () -> hung.writeImageOrZip(pdf, "jpg", new ByteArrayOutputStream(),
                RenderDeadline.in(500)));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "killed, not waited for");
        assertEquals(scratchBefore, scratchFolders(), "the scratch folder is removed");
    }

    @Test
    void pdftoppmDrawsTheCropBoxAsPdfBoxDoes() throws Exception {
        byte[] bleed;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(700, 900)); // a print PDF: bleed and crop marks around the page
            page.setCropBox(new PDRectangle(44, 54, 612, 792));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.addRect(0, 0, 30, 30); // a crop mark, outside the crop box
                content.addRect(100, 100, 200, 200);
                content.fill();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            bleed = out.toByteArray();
        }
        Path pdf = SamplePdfs.write(folder, "bleed.pdf", bleed);
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        new PageImages(TestSettings.defaults(), workers, Optional.empty()).writeSingle(pdf, "jpg", reference);
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        pageImages.writeSingle(pdf, "jpg", drawn);
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(reference.toByteArray()));
        BufferedImage actual = ImageIO.read(new ByteArrayInputStream(drawn.toByteArray()));
        assertEquals(1275, expected.getWidth(), "612 pt at 150 DPI");
        assertEquals(expected.getWidth(), actual.getWidth(), 1);
        assertEquals(expected.getHeight(), actual.getHeight(), 1);
        assertTrue(meanDifference(expected, actual) < 4, "the same page, crop marks cut off");
    }

    private static long scratchFolders() throws Exception {
        try (var listed = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listed.filter(f -> f.getFileName().toString().startsWith("sluice-pages")).count();
        }
    }

    /**
     * A further pdftoppm process pays its start only when a render thread would otherwise idle: while every one is
     * busy, a PDF of up to 25 pages is drawn by one process, a longer one is still split so that it does not end a
     * batch on one core, and once they are free again a short PDF is split too.
     */
    @Test
    void aShortPdfIsSplitOnlyWhileRenderThreadsAreFree() throws Exception {
        Path calls = folder.resolve("calls.log");
        Path gate = folder.resolve("gate");
        // logs "<pdf> <first>-<last>"; the PDF named busy.pdf holds its process until the gate file goes
        String last = "for a; do p=$a; done; ";
        Path logging = script(last + "echo \"$(basename \"${11}\") $4-$6\" >> " + calls + "; "
                + "case \"${11}\" in *busy.pdf) while [ -e " + gate + " ]; do sleep 0.05; done ;; esac; "
                + "exec " + PDFTOPPM + " \"$@\"");
        PopplerPages poppler = new PopplerPages(logging, 150, 0.85f, 2);
        Path busy = SamplePdfs.write(folder, "busy.pdf", SamplePdfs.letterPages(2));
        Path shortPdf = SamplePdfs.write(folder, "short.pdf", SamplePdfs.letterPages(25));
        Path longPdf = SamplePdfs.write(folder, "long.pdf", SamplePdfs.letterPages(26));
        Files.writeString(gate, "");
        CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(() -> draw(poppler, busy));
        await(() -> poppler.slots().free() == 0, "busy.pdf's two processes hold both render threads");

        CompletableFuture<Integer> whileBusy = CompletableFuture
                .supplyAsync(() -> draw(poppler, shortPdf) + draw(poppler, longPdf));
        await(() -> poppler.slots().waiting() == 1, "short.pdf waits for a render thread, its ranges chosen");
        Files.delete(gate);
        assertEquals(2, holding.get(60, TimeUnit.SECONDS));
        assertEquals(51, whileBusy.get(60, TimeUnit.SECONDS));
        assertEquals(List.of("short.pdf 1-25"), calls(calls, "short.pdf"));
        assertEquals(List.of("long.pdf 1-13", "long.pdf 14-26"), calls(calls, "long.pdf"));

        // a permit comes back when its process has ended, a moment after the conversion saw it end
        await(() -> poppler.slots().free() == 2, "both render threads free again");
        Files.delete(calls);
        assertEquals(25, draw(poppler, shortPdf));
        assertEquals(List.of("short.pdf 1-12", "short.pdf 13-25"), calls(calls, "short.pdf"));
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static int draw(PopplerPages poppler, Path pdf) {
        List<Integer> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int count = poppler.writePages(pdf, document, ImageFormat.JPEG, 2,
                    (number, total, page) -> pages.add(number), RenderDeadline.none());
            assertEquals(count, pages.size());
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static List<String> calls(Path log, String pdf) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(pdf + " ")).sorted().toList();
    }

    @Test
    void theRendererSettingIsChecked() {
        assertEquals(Optional.empty(), PopplerPages.find("pdfbox"));
        assertThrows(IllegalArgumentException.class, () -> PopplerPages.find("ghostscript"));
    }

    private Path script(String body) throws Exception {
        Path file = folder.resolve("pdftoppm-" + Integer.toHexString(body.hashCode()));
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static Map<String, byte[]> zip(PageImages images, Path pdf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        images.writeZip(pdf, "jpg", out);
        return unzip(out.toByteArray());
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int height = Math.min(a.getHeight(), b.getHeight());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return (double) sum / (3L * height * a.getWidth());
    }
}
