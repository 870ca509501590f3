package io.pdfsluice.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Unpacks a ZIP of page images entry by entry, trusting neither entry names nor declared sizes: a name
 * that climbs out ({@code ../}, absolute), a symlink entry, too many entries, too many bytes or a bomb-like
 * compression ratio fails the document.
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

    /**
     * Spools the answer to {@code folder} (never whole in memory), then reads the archive's central directory, which
     * alone says which entries are symlinks, and streams each entry to its own file.
     */
    public List<Entry> extract(InputStream in, Path folder, String document) throws IOException {
        Path spooled = folder.resolve(".answer.zip");
        long zipBytes = Files.copy(in, spooled);
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (ZipFile zip = ZipFile.builder().setPath(spooled).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (e.isUnixSymlink()) {
                    throw new PageSetException(document + ": the archive holds a symlink entry '" + e.getName() + "'");
                }
                if (e.isDirectory()) {
                    continue;
                }
                String name = checkedName(e.getName(), document);
                if (entries.size() >= maxEntries) {
                    throw new PageSetException(document + ": the archive has more than " + maxEntries + " entries");
                }
                String ext = extension(name);
                Path file = folder.resolve(".entry-" + entries.size());
                PageSet.Page page;
                try (InputStream entry = zip.getInputStream(e)) {
                    page = PageSet.copy(entry, file, maxBytes - total);
                }
                total += page.bytes();
                if (total > 1_000_000 && total > (long) maxRatio * Math.max(1, zipBytes)) {
                    throw new PageSetException(document + ": compression ratio over " + maxRatio + ":1 (a zip bomb?)");
                }
                Matcher m = LAST_NUMBER.matcher(name.substring(name.lastIndexOf('/') + 1));
                long number = m.find() && m.group(1).length() <= 18 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
                entries.add(new Entry(name, number, ext, file, page.bytes(), page.sha256()));
            }
        } catch (PageSetException e) {
            throw e;
        } catch (IOException e) {
            throw new PageSetException(document + ": not a readable ZIP: " + e.getMessage());
        } finally {
            Files.deleteIfExists(spooled);
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
}
