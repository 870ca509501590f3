package io.pdfsluice.outbox;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an answer or an archive entry is, told by its first bytes. A Content-Type, a file name or an entry name only
 * claims a format; the bytes decide, and a claim the bytes contradict fails the document.
 */
public enum Format {
    PDF,
    ZIP,
    JPEG,
    PNG,
    TIFF,
    WEBP,
    GIF,
    BMP;

    /** How many leading bytes {@link #of} looks at: a PDF's header may come anywhere in its first 1024. */
    public static final int HEAD = 1024;

    /** The file name extension an output of this format gets. */
    public String extension() {
        return this == JPEG ? "jpg" : name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return isImage() ? "image/" + (this == JPEG ? "jpeg" : extension()) : "application/" + extension();
    }

    public boolean isImage() {
        return this != PDF && this != ZIP;
    }

    /** The format the first {@code n} bytes of {@code head} show, or null when they show none of these. */
    public static Format of(byte[] head, int n) {
        if (starts(head, n, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (starts(head, n, 'P', 'K', 3, 4) || starts(head, n, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (starts(head, n, 'I', 'I', '*', 0) || starts(head, n, 'M', 'M', 0, '*')) {
            return TIFF;
        }
        if (starts(head, n, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (starts(head, n, 'B', 'M') && n >= 14) {
            return BMP;
        }
        if (starts(head, n, 'R', 'I', 'F', 'F') && n >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B'
                && head[11] == 'P') {
            return WEBP;
        }
        byte[] pdf = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + pdf.length <= Math.min(n, HEAD); i++) {
            if (Arrays.equals(head, i, i + pdf.length, pdf, 0, pdf.length)) {
                return PDF;
            }
        }
        return null;
    }

    /** The format a Content-Type claims, or null for none in particular (missing, octet-stream, unknown). */
    public static Format claimedBy(String contentType) {
        // the media type alone: a parameter (name="x.pdf") claims nothing
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (ct.contains("pdf")) {
            return PDF;
        }
        if (ct.contains("zip")) {
            return ZIP;
        }
        if (ct.startsWith("image/")) {
            String sub = ct.substring("image/".length());
            return ofExtension(sub);
        }
        return null;
    }

    /** The format a file or entry name's extension claims, or null when it names none of these. */
    public static Format ofExtension(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "pdf" -> PDF;
            case "zip" -> ZIP;
            case "jpg", "jpeg" -> JPEG;
            case "png" -> PNG;
            case "tif", "tiff" -> TIFF;
            case "webp" -> WEBP;
            case "gif" -> GIF;
            case "bmp" -> BMP;
            default -> null;
        };
    }

    /** "a PNG image", "a ZIP archive", "none of the known formats", for reasons. */
    public static String describe(Format f) {
        return f == null ? "none of the known formats"
                : f == ZIP ? "a ZIP archive"
                        : f == PDF ? "a PDF"
                                : "a " + f.name() + " image";
    }

    private static boolean starts(byte[] head, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
