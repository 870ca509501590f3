package io.pdfsluice.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP of page images, one entry per page: page-001.jpg, page-002.jpg, ... JPEG and PNG are compressed already,
 * so entries are stored: deflating them again costs CPU and saves nothing. The ZIP's own headers go out a byte at a
 * time (ZipOutputStream writes every int and short of them with single-byte writes), so they pass a buffer: on a file
 * each of those bytes would be a system call, some 80 per page (30 as it is added, the rest in the central
 * directory).
 */
final class PageArchive {

    private final ZipOutputStream zip;
    private final String extension;

    PageArchive(OutputStream out, String extension) {
        this.zip = new ZipOutputStream(new BufferedOutputStream(out, 64 * 1024));
        this.extension = extension;
    }

    /** Adds page number (1-based) of count pages. */
    void add(int number, int count, EncodedPage page) throws IOException {
        ZipEntry entry = new ZipEntry(entryName(number, count, extension));
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(page.size());
        entry.setCompressedSize(page.size());
        entry.setCrc(page.crc32());
        zip.putNextEntry(entry);
        page.writeTo(zip);
        zip.closeEntry();
    }

    /** Writes the ZIP's central directory and flushes it all to the stream, which stays open. */
    void finish() throws IOException {
        zip.finish();
        zip.flush();
    }

    /** page-007.jpg: three digits, more when the page count has more. */
    static String entryName(int pageNumber, int pageCount, String extension) {
        int width = Math.max(3, Integer.toString(pageCount).length());
        return "page-" + String.format("%0" + width + "d", pageNumber) + "." + extension;
    }
}
