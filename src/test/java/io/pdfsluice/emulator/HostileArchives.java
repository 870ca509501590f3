package io.pdfsluice.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Answers a broken or hostile PDF API could send instead of a ZIP of page images, each with the reason it fails. */
public enum HostileArchives {
    UNSAFE_NAME("unsafe entry name"),
    SYMLINK_ENTRY("symlink entry"),
    TOO_MANY_ENTRIES("more than 20 entries"),
    BOMB("compression ratio"),
    TRUNCATED("not a readable ZIP"),
    NOT_AN_IMAGE("is not a page image"),
    TWO_ENTRIES_FOR_ONE_PAGE("both claim page 1"),
    SAME_NAME_TWICE("both claim page 1"),
    PNG_NAMED_JPG("is named .jpg but its bytes are a PNG image"),
    EMPTY_ARCHIVE("holds no page images"),
    PAGE_MISSING("holds no page 2, between page 1 and page 3"),
    FIRST_PAGE_MISSING("holds no page 1, its first is page 2");

    /** The part of the document's failure reason that names what is wrong. */
    public final String reason;

    HostileArchives(String reason) {
        this.reason = reason;
    }

    /** The archive's bytes, as the API sends them labelled application/zip. */
    public byte[] bytes() {
        byte[] jpeg = Pages.image(1, "jpg");
        return switch (this) {
            case UNSAFE_NAME -> zip(new Object[] { "../../evil-001.jpg", jpeg });
            case SYMLINK_ENTRY -> symlink();
            case TOO_MANY_ENTRIES -> many(21, jpeg);
            case BOMB -> zip(new Object[] { "page-001.jpg", bomb(jpeg) });
            case TRUNCATED -> {
                byte[] whole = zip(new Object[] { "page-001.jpg", jpeg }, new Object[] { "page-002.jpg", jpeg });
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            case NOT_AN_IMAGE -> zip(new Object[] { "page-001.jpg", jpeg }, new Object[] { "notes.txt", "hi".getBytes() });
            case TWO_ENTRIES_FOR_ONE_PAGE -> zip(new Object[] { "a/page-1.jpg", jpeg }, new Object[] { "b/page-1.jpg", jpeg });
            case SAME_NAME_TWICE -> zip(new Object[] { "page-001.jpg", jpeg }, new Object[] { "page-001.jpg", jpeg });
            case PNG_NAMED_JPG -> zip(new Object[] { "page-001.jpg", Pages.image(1, "png") });
            case EMPTY_ARCHIVE -> zip();
            case PAGE_MISSING -> zip(new Object[] { "page-001.jpg", jpeg }, new Object[] { "page-003.jpg", jpeg });
            case FIRST_PAGE_MISSING -> zip(new Object[] { "page-002.jpg", jpeg }, new Object[] { "page-003.jpg", jpeg });
        };
    }

    /** A valid archive of two real JPEG pages, to send under a label that lies about it. */
    public static byte[] twoPages() {
        return zip(new Object[] { "page-001.jpg", Pages.image(1, "jpg") },
                new Object[] { "page-002.jpg", Pages.image(2, "jpg") });
    }

    /** A real JPEG, to send where something else is expected. */
    public static byte[] jpeg() {
        return Pages.image(1, "jpg");
    }

    private static byte[] bomb(byte[] jpeg) {
        byte[] b = new byte[64 * 1024 * 1024]; // a JPEG's header, then 64 MiB of zeros: about 64 KiB deflated
        System.arraycopy(jpeg, 0, b, 0, 4);
        return b;
    }

    private static byte[] many(int n, byte[] jpeg) {
        Object[][] entries = new Object[n][];
        for (int i = 0; i < n; i++) {
            entries[i] = new Object[] { String.format("page-%03d.jpg", i + 1), jpeg };
        }
        return zip(entries);
    }

    private static byte[] symlink() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry link = new ZipArchiveEntry("page-001.jpg");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes());
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** commons-compress, unlike java.util.zip, writes an entry name twice when told to. */
    private static byte[] zip(Object[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Object[] e : entries) {
                zip.putArchiveEntry(new ZipArchiveEntry((String) e[0]));
                zip.write((byte[]) e[1]);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
