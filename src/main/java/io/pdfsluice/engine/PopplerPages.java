package io.pdfsluice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.jboss.logging.Logger;

/**
 * Page images drawn by poppler's {@code pdftoppm}, when it is installed: native drawing and JPEG encoding, at
 * pdftoppm's own speed or above (docs/BENCHMARKS.md), from the first page of a cold JVM. The pages are split into
 * contiguous ranges ({@link ProcessSlots#ranges}), each drawn by a pdftoppm process of its own into a scratch folder,
 * then handed out in page order.
 *
 * What pdftoppm writes is checked, not trusted: every page must be there, and each file must start as the format
 * does (JPEG's SOI marker, PNG's signature). A process that fails, or leaves a page out, throws
 * {@link PopplerException}, and the caller draws the PDF with PDFBox instead. The deadline kills the processes.
 */
final class PopplerPages {

    private static final Logger LOG = Logger.getLogger(PopplerPages.class);
    private static final Pattern PAGE_FILE = Pattern.compile("r(\\d{1,4})-(\\d{1,9})\\.(?:jpg|png)");
    private static final byte[] JPEG_START = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG_START = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private final Path pdftoppm;
    private final int dpi;
    private final int jpegQuality;
    private final ProcessSlots slots;

    /** @param processes how many pdftoppm processes may run at once, over every conversion */
    PopplerPages(Path pdftoppm, int dpi, float jpegQuality, int processes) {
        this.pdftoppm = pdftoppm;
        this.slots = new ProcessSlots(processes);
        this.dpi = dpi;
        this.jpegQuality = Math.round(jpegQuality * 100);
    }

    @Override
    public String toString() {
        return pdftoppm.toString();
    }

    /** pdftoppm as {@code sluice.engine.renderer} asks for it: on the PATH for auto, required for poppler. */
    static Optional<Path> find(String renderer) {
        if ("pdfbox".equals(renderer)) {
            return Optional.empty();
        }
        if (!"auto".equals(renderer) && !"poppler".equals(renderer)) {
            throw new IllegalArgumentException(
                    "sluice.engine.renderer must be auto, poppler or pdfbox, not '" + renderer + "'");
        }
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "pdftoppm")).filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty() && "poppler".equals(renderer)) {
            throw new IllegalStateException("sluice.engine.renderer=poppler, but pdftoppm is not on the PATH "
                    + "(Debian: apt-get install poppler-utils)");
        }
        return found;
    }

    /**
     * Draws the pages of {@code pdf} (opened by PDFBox as {@code document}, which tells their count and sizes) with
     * {@code processes} pdftoppm processes at once, then gives them to the sink in order. Returns the page count.
     */
    int writePages(Path pdf, PDDocument document, ImageFormat format, int processes, PageSink sink,
            RenderDeadline deadline) throws IOException, InterruptedException {
        int pageCount = document.getNumberOfPages();
        for (int page = 0; page < pageCount; page++) {
            PageCanvas.checkSize(document.getPage(page), page, dpi); // refused as PDFBox would, before any work
        }
        Path scratch = Files.createTempDirectory("sluice-pages");
        try {
            int ranges = slots.ranges(pageCount, processes);
            List<Process> started = new ArrayList<>();
            try {
                for (int r = 0; r < ranges; r++) {
                    started.add(start(pdf, format, firstPage(r, ranges, pageCount),
                            firstPage(r + 1, ranges, pageCount) - 1, scratch.resolve("r" + r), deadline));
                }
                for (int r = 0; r < started.size(); r++) {
                    await(started.get(r), scratch.resolve("r" + r + ".log"), deadline);
                }
            } finally {
                started.forEach(Process::destroyForcibly);
                started.forEach(PopplerPages::awaitEnd); // a dying process may still create a file
            }
            List<Path> pages = pages(scratch, format, pageCount, ranges);
            for (Path page : pages) { // before the first page goes out: PDFBox then draws them all instead
                checkStart(page, format);
            }
            for (int page = 1; page <= pageCount; page++) {
                sink.write(page, pageCount, read(pages.get(page - 1)));
            }
            return pageCount;
        } finally {
            remove(scratch);
        }
    }

    /** The processes allowed at once, over every conversion. */
    ProcessSlots slots() {
        return slots;
    }

    /** The first page of range {@code r} of {@code ranges} (1-based; r == ranges gives one past the last page). */
    private static int firstPage(int r, int ranges, int pageCount) {
        return 1 + (int) ((long) pageCount * r / ranges);
    }

    /**
     * Starts pdftoppm on pages {@code first} to {@code last} once one of the processes allowed at once is free (the
     * render threads: every conversion's processes together hold no more rasters than PDFBox's workers would).
     */
    private Process start(Path pdf, ImageFormat format, int first, int last, Path prefix, RenderDeadline deadline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pdftoppm.toString(), "-r", String.valueOf(dpi), "-f",
                String.valueOf(first), "-l", String.valueOf(last), "-cropbox")); // the box PDFBox draws
        if (format == ImageFormat.JPEG) {
            command.addAll(List.of("-jpeg", "-jpegopt", "quality=" + jpegQuality));
        } else {
            command.add("-png");
        }
        command.addAll(List.of(pdf.toString(), prefix.toString()));
        if (!slots.take(deadline.remainingNanos())) {
            throw RenderLimitException.tookLongerThan(deadline.timeoutMs());
        }
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(prefix.resolveSibling(prefix.getFileName() + ".log").toFile()).start();
            process.onExit().thenRun(slots::giveBack);
            return process;
        } catch (IOException | RuntimeException e) {
            slots.giveBack();
            throw e;
        }
    }

    private static void await(Process process, Path log, RenderDeadline deadline)
            throws IOException, InterruptedException {
        if (!process.waitFor(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            throw RenderLimitException.tookLongerThan(deadline.timeoutMs());
        }
        if (process.exitValue() != 0) {
            String last = lastLine(log);
            throw new PopplerException("pdftoppm exited " + process.exitValue() + (last.isEmpty() ? "" : ": " + last));
        }
    }

    /** The last line of what pdftoppm said, from the last 4 KB of it; its messages quote the PDF's own bytes. */
    private static String lastLine(Path log) throws IOException {
        try (FileChannel channel = FileChannel.open(log)) {
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
            channel.read(tail, channel.size() - tail.capacity());
            String text = new String(tail.array(), 0, tail.position(), StandardCharsets.ISO_8859_1).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            return last.length() > 300 ? last.substring(0, 300) + "…" : last;
        }
    }

    /** Waits up to 5 s for a killed process to be gone, interrupted or not. */
    private static void awaitEnd(Process process) {
        boolean interrupted = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && System.nanoTime() < end) {
            try {
                process.waitFor(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the scratch folder; what cannot be removed is logged, and does not replace the outcome. */
    private static void remove(Path scratch) {
        try (Stream<Path> files = Files.list(scratch)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            LOG.warnf("could not remove the scratch folder %s: %s", scratch, e.toString());
        }
    }

    /**
     * The page files, in page order. pdftoppm names them {@code r<range>-<page>.<ext>}, the page number padded; every
     * page must be there once, from the process whose range holds it.
     */
    private static List<Path> pages(Path scratch, ImageFormat format, int pageCount, int ranges)
            throws IOException {
        String suffix = "." + format.extension();
        Path[] pages = new Path[pageCount];
        List<Path> files;
        try (Stream<Path> listed = Files.list(scratch)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
        for (Path file : files) {
            Matcher name = PAGE_FILE.matcher(file.getFileName().toString());
            int page = name.matches() ? Integer.parseInt(name.group(2)) : 0;
            if (page < 1 || page > pageCount || pages[page - 1] != null
                    || page < firstPage(Integer.parseInt(name.group(1)), ranges, pageCount)
                    || page >= firstPage(Integer.parseInt(name.group(1)) + 1, ranges, pageCount)) {
                throw new PopplerException("pdftoppm wrote an unexpected file " + file.getFileName());
            }
            pages[page - 1] = file;
        }
        if (files.size() != pageCount) {
            throw new PopplerException("pdftoppm drew " + files.size() + " of " + pageCount + " pages");
        }
        return List.of(pages);
    }

    private static void checkStart(Path file, ImageFormat format) throws IOException {
        byte[] start = format == ImageFormat.JPEG ? JPEG_START : PNG_START;
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(start.length), start)) {
                throw new PopplerException(file.getFileName() + " from pdftoppm is not a " + format);
            }
        }
    }

    private static EncodedPage read(Path file) throws IOException {
        EncodedPage page = new EncodedPage();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(page);
        }
        Files.delete(file);
        return page;
    }
}
