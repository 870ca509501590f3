package io.pdfsluice.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import io.pdfsluice.document.InvalidDocumentException;

/**
 * An inbox PDF as a request body: streamed from disk, sent again whole on a retry, and never read through a symbolic
 * link. The file stays in the inbox until its batch ends, so a link could be put in its place after its pickup (where
 * InboxLinks looked); this body then fails the attempt instead of sending whatever the link points at.
 */
final class PdfBody extends AbstractHttpEntity {

    private final Path file;
    private final String what;
    private volatile long announced = -1;

    /** @param what the document, as its failure names it */
    PdfBody(Path file, String what) {
        super(ContentType.create("application/pdf"), null);
        this.file = file;
        this.what = what;
        attributes(); // a link already there fails the document before it waits for its turn
    }

    /** The file's own attributes, read at each use: it may have changed while the request waited for its turn. */
    private BasicFileAttributes attributes() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new InvalidDocumentException(what + ": the inbox file was replaced by a symbolic link after it "
                        + "was picked up; nothing was sent");
            }
            return attributes;
        } catch (IOException gone) {
            throw new InvalidDocumentException(what + ": the inbox file is gone or cannot be read (" + gone + ")");
        }
    }

    @Override
    public InputStream getContent() throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Writes the file, as long as its length said just before; a file that changed meanwhile fails the attempt. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        long length = announced >= 0 ? announced : getContentLength();
        try (InputStream in = getContent()) {
            long sent = in.transferTo(out);
            if (sent != length) {
                throw new IOException(what + ": the inbox file changed while it was sent (" + sent + " bytes, not "
                        + length + ")");
            }
        }
    }

    /** The file's length now, which the request's Content-Length says and {@link #writeTo} then holds it to. */
    @Override
    public long getContentLength() {
        announced = attributes().size();
        return announced;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // nothing held open between writes
    }
}
