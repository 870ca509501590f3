package io.pdfsluice.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams the entries of a ZIP of page images to files, trusting neither entry names nor declared sizes: a name
 * that climbs out ({@code ../}, absolute), too many entries, too many bytes or a bomb-like compression ratio fails
 * the document.
 */
@ApplicationScoped
public class PageArchive {

    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final Set<String> IMAGES = Set.of("jpg", "jpeg", "png", "tif", "tiff", "webp", "gif", "bmp");

    @ConfigProperty(name = "sluice.pages.max-entries", defaultValue = "10000")
    int maxEntries;
    @ConfigProperty(name = "sluice.pages.max-bytes", defaultValue = "4294967296")
    long maxBytes;
    @ConfigProperty(name = "sluice.pages.max-ratio", defaultValue = "200")
    int maxRatio;

    public record Entry(String name, long number, String extension, Path file, long bytes, String sha256) {
    }

    public List<Entry> extract(InputStream in, Path folder, String document) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        CountingInputStream counted = new CountingInputStream(in);
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = checkedName(e.getName(), document);
                if (entries.size() >= maxEntries) {
                    throw new PageSetException(document + ": the archive has more than " + maxEntries + " entries");
                }
                String ext = extension(name);
                PageSet.Page page = PageSet.copy(zip, folder.resolve(".entry-" + entries.size()), maxBytes - total);
                total += page.bytes();
                if (total > 1_000_000 && total > (long) maxRatio * Math.max(1, counted.count)) {
                    throw new PageSetException(document + ": compression ratio over " + maxRatio + ":1 (a zip bomb?)");
                }
                Matcher m = LAST_NUMBER.matcher(name.substring(name.lastIndexOf('/') + 1));
                long number = m.find() ? Long.parseLong(m.group(1).length() > 18 ? "0" : m.group(1)) : Long.MAX_VALUE;
                entries.add(new Entry(name, number, ext, folder.resolve(".entry-" + entries.size()), page.bytes(),
                        page.sha256()));
            }
        } catch (PageSetException e) {
            throw e;
        } catch (IOException e) {
            throw new PageSetException(document + ": " + (total >= maxBytes ? "the pages are larger than "
                    + maxBytes + " bytes" : "not a readable ZIP: " + e.getMessage()));
        }
        if (entries.isEmpty()) {
            throw new PageSetException(document + ": the archive holds no page images");
        }
        return entries;
    }

    private static String checkedName(String name, String document) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || List.of(n.split("/")).contains("..")) {
            throw new PageSetException(document + ": unsafe entry name '" + name + "' in the archive");
        }
        return n;
    }

    private static String extension(String name) {
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!IMAGES.contains(ext)) {
            throw new PageSetException("entry '" + name + "' is not a page image");
        }
        return ext.equals("jpeg") ? "jpg" : ext;
    }

    /** Counts compressed bytes read, for the compression-ratio check. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
