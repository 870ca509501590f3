package io.pdfsluice.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a ZIP of page images entry by entry, trusting neither entry names nor declared sizes: a name
 * that climbs out ({@code ../}, absolute), a symlink entry, too many entries, too many bytes, a bomb-like
 * compression ratio, two entries for one page, a gap in the page numbers (a page the API lost), or an entry whose
 * bytes are not the image its name says fails the document.
 */
@ApplicationScoped
public class PageArchive {

    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    int maxEntries;
    long maxBytes;
    int maxRatio;

    @Inject
    void limits(OutboxConfig config) {
        maxEntries = config.pages().maxEntries();
        maxBytes = config.pages().maxBytes();
        maxRatio = config.pages().maxRatio();
    }

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
        Map<Long, String> pageNumbers = new HashMap<>();
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
                Format format = imageFormat(name, document);
                Matcher m = LAST_NUMBER.matcher(name.substring(name.lastIndexOf('/') + 1));
                long number = m.find() && m.group(1).length() <= 18 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
                String other = pageNumbers.putIfAbsent(number, name);
                if (other != null) {
                    throw new PageSetException(document + ": entries '" + other + "' and '" + name + "' "
                            + (number == Long.MAX_VALUE ? "carry no page number" : "both claim page " + number)
                            + ": the page order is ambiguous");
                }
                Path file = folder.resolve(".entry-" + entries.size());
                // a bomb is stopped while it inflates, at the ratio's worth of bytes, not after
                long ratioLimit = Math.max(1_000_000, (long) maxRatio * Math.max(1, zipBytes)) - total;
                long limit = Math.min(maxBytes - total, ratioLimit);
                PageSet.Page page;
                try (InputStream entry = zip.getInputStream(e)) {
                    page = PageSet.copy(entry, file, limit, format, document + ": entry '" + name + "'");
                } catch (PageSetException tooLarge) {
                    if (limit == ratioLimit && tooLarge.getMessage().startsWith("an entry is larger")) {
                        throw new PageSetException(document + ": compression ratio over " + maxRatio
                                + ":1 (a zip bomb?)");
                    }
                    throw tooLarge;
                }
                total += page.bytes();
                entries.add(new Entry(name, number, format.extension(), file, page.bytes(), page.sha256()));
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
        missingPage(pageNumbers.keySet(), document);
        return entries;
    }

    /**
     * The numbered pages must start at page 1 (or 0) and follow each other: a set that skips one would be written
     * renumbered, one page short, without a word. One entry with no number, which goes last, is not a gap. (A page
     * lost at the end cannot be told from here.)
     */
    private static void missingPage(Set<Long> numbers, String document) {
        long previous = -1;
        for (long number : new TreeSet<>(numbers)) {
            if (number == Long.MAX_VALUE) {
                break;
            }
            if (previous < 0 && number > 1) {
                throw new PageSetException(document + ": the archive holds no page 1, its first is page " + number
                        + ": the API lost a page");
            }
            if (previous >= 0 && number != previous + 1) {
                throw new PageSetException(document + ": the archive holds no page " + (previous + 1) + ", between page "
                        + previous + " and page " + number + ": the API lost a page");
            }
            previous = number;
        }
    }

    private static String checkedName(String name, String document) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || List.of(n.split("/")).contains("..")) {
            throw new PageSetException(document + ": unsafe entry name '" + name + "' in the archive");
        }
        return n;
    }

    private static Format imageFormat(String name, String document) {
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        Format format = Format.ofExtension(ext);
        if (format == null || !format.isImage()) {
            throw new PageSetException(document + ": entry '" + name + "' is not a page image");
        }
        return format;
    }
}
