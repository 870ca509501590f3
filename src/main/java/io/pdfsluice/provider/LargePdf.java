package io.pdfsluice.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A PDF big enough for the API's async jobs endpoint rather than its synchronous convert: over a size or a page
 * threshold (the vendor's guide says over 20 MB or 50+ pages). Reading the page count parses only the structure.
 */
public class LargePdf implements Predicate<Path> {

    private final long minBytes;
    private final int minPages;

    public LargePdf(long minBytes, int minPages) {
        this.minBytes = minBytes;
        this.minPages = minPages;
    }

    @Override
    public boolean test(Path pdf) {
        try {
            if (Files.size(pdf) >= minBytes) {
                return true;
            }
            try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()), null, null, null,
                    IOUtils.createTempFileOnlyStreamCache())) {
                return doc.getNumberOfPages() >= minPages;
            }
        } catch (IOException e) {
            // not readable as a PDF here: the API will say why, through the synchronous endpoint
            return false;
        }
    }
}
