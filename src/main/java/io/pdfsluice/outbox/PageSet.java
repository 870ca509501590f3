package io.pdfsluice.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pdfsluice.document.ContentDigest;
import io.pdfsluice.document.Document;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Writes a document's page images as outbox/&lt;stem&gt;/page-001.&lt;ext&gt; … with pages.json. The set is built in a
 * hidden folder and renamed into place, so a reader sees all pages or none.
 */
@ApplicationScoped
@Named("pageSet")
public class PageSet {

    public static final String MANIFEST = "pages.json";

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    PageArchive archive;

    /** A single-image response becomes page-001. */
    public void single(Exchange exchange) throws IOException {
        Document d = exchange.getProperty("document", Document.class);
        Format format = exchange.getProperty(Answer.FORMAT, Format.class);
        if (format == null) {
            format = Format.claimedBy(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        }
        if (format == null || !format.isImage()) {
            throw new PageSetException(d.describe() + ": the answer is " + Format.describe(format)
                    + ", not a page image");
        }
        Path target = outbox.resolve(d.output());
        Path folder = outbox.temporary(target);
        Files.createDirectories(folder);
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            String name = "page-001." + format.extension();
            List<Page> pages = List.of(copy(in, folder.resolve(name), Long.MAX_VALUE, format, d.describe()));
            finish(d, folder, target, pages);
        } catch (org.apache.camel.InvalidPayloadException e) {
            delete(folder);
            throw new IOException("empty response for " + d.describe(), e);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    /** A ZIP response: its entries, in page order whatever they are called, become page-001 … page-NNN. */
    public void unzip(Exchange exchange) throws Exception {
        Document d = exchange.getProperty("document", Document.class);
        Path target = outbox.resolve(d.output());
        Path folder = outbox.temporary(target);
        Files.createDirectories(folder);
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            List<PageArchive.Entry> entries = archive.extract(in, folder, d.describe());
            entries.sort(Comparator.comparingLong(PageArchive.Entry::number).thenComparing(PageArchive.Entry::name));
            int width = Math.max(3, String.valueOf(entries.size()).length());
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                PageArchive.Entry e = entries.get(i);
                String name = String.format("page-%0" + width + "d.%s", i + 1, e.extension());
                Files.move(e.file(), folder.resolve(name));
                pages.add(new Page(name, e.bytes(), e.sha256()));
            }
            finish(d, folder, target, pages);
        } catch (Exception e) {
            delete(folder);
            throw e;
        }
    }

    private void finish(Document d, Path folder, Path target, List<Page> pages) throws IOException {
        json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(MANIFEST).toFile(),
                new Pages(d.source(), pages.size(), pages));
        delete(target); // an incomplete set from before a crash has no pages.json and is replaced
        Outbox.publish(folder, target);
    }

    /**
     * Copies one page to {@code file}, at most {@code maxBytes}; its first bytes must show {@code format}, the
     * format its name gives it.
     */
    static Page copy(InputStream in, Path file, long maxBytes, Format format, String what) throws IOException {
        ContentDigest sha = new ContentDigest();
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = sha.through(Files.newOutputStream(file))) {
            int head = in.readNBytes(buffer, 0, Format.HEAD);
            Format shown = Format.of(buffer, head);
            if (shown != format) {
                throw new PageSetException(what + " is named ." + format.extension() + " but its bytes are "
                        + Format.describe(shown));
            }
            bytes = head;
            out.write(buffer, 0, head);
            if (bytes > maxBytes) {
                throw new PageSetException("an entry is larger than " + maxBytes + " bytes");
            }
            for (int n; (n = in.read(buffer)) > 0;) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new PageSetException("an entry is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return new Page(file.getFileName().toString(), bytes, sha.hex());
    }

    static void delete(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @RegisterForReflection
    public record Page(String name, long bytes, String sha256) {
    }

    @RegisterForReflection
    public record Pages(String source, int pages, List<Page> files) {
    }
}
