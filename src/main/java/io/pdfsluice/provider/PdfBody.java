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
    private final long length;

    /** @param what the document, as its failure names it */
    PdfBody(Path file, String what) {
        super(ContentType.create("application/pdf"), null);
        this.file = file;
        long size = -1;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new InvalidDocumentException(what + ": the inbox file was replaced by a symbolic link after it "
                        + "was picked up; nothing was sent");
            }
            size = attributes.size();
        } catch (IOException gone) {
            // opening it fails the attempt with the reason
        }
        this.length = size;
    }

    @Override
    public InputStream getContent() throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            in.transferTo(out);
        }
    }

    @Override
    public long getContentLength() {
        return length;
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
