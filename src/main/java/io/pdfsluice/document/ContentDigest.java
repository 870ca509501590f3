package io.pdfsluice.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of some content (a document's text, a file, a page being written), told as lowercase hex: what
 * names a document to the API (its idempotency key), a written page (pages.json) and a shared key (cluster).
 * Not thread-safe; one per content.
 */
public final class ContentDigest {

    private final MessageDigest sha = sha256();

    /** An empty digest, to be fed with {@link #add}. */
    public ContentDigest() {
    }

    /** The digest of a text, as UTF-8. */
    public static ContentDigest of(String text) {
        return new ContentDigest().add(text);
    }

    /** Adds a text, as UTF-8. */
    public ContentDigest add(String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a file's bytes, streamed; a symbolic link fails to open (an inbox file is never read through one). */
    public ContentDigest add(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return this;
    }

    /** A stream that adds to this digest whatever is written through it to {@code out}. */
    public OutputStream through(OutputStream out) {
        return new DigestOutputStream(out, sha);
    }

    /** The whole digest in hex (64 characters). Ends the digest. */
    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The digest's first {@code bytes} bytes in hex (twice as many characters), for a shorter name. Ends it. */
    public String hex(int bytes) {
        return HexFormat.of().formatHex(sha.digest(), 0, bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
