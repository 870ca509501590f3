package io.pdfsluice.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pdfsluice.document.ContentDigest;
import io.pdfsluice.document.InvalidDocumentException;

/**
 * An inbox PDF stays in the inbox while its batch runs: a symbolic link put in its place after the pickup is never
 * read, neither when the request is made nor when it is sent, nor when the document's digest is taken.
 */
class PdfBodyTest {

    @TempDir
    Path dir;

    @Test
    void theFileIsSentWholeAndAgainOnARetry() throws IOException {
        byte[] pdf = "%PDF-1.7 a small one".getBytes();
        Path file = Files.write(dir.resolve("scan.pdf"), pdf);
        PdfBody body = new PdfBody(file, "scan.pdf");
        assertEquals(pdf.length, body.getContentLength());
        assertTrue(body.isRepeatable());
        for (int attempt = 0; attempt < 2; attempt++) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            body.writeTo(sent);
            assertArrayEquals(pdf, sent.toByteArray());
        }
    }

    @Test
    void aLinkPutInTheFilesPlaceIsNotRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the API");
        Path file = Files.write(dir.resolve("scan.pdf"), "%PDF-1.7".getBytes());
        PdfBody before = new PdfBody(file, "scan.pdf");
        assertEquals(8, before.getContentLength(), "announced in the request's head");
        Files.delete(file);
        Files.createSymbolicLink(file, secret);
        assertThrows(IOException.class, () -> before.writeTo(new ByteArrayOutputStream()), "the body behind the head");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, before::getContentLength,
                "the next attempt");
        assertEquals("scan.pdf: the inbox file was replaced by a symbolic link after it was picked up; nothing was sent",
                e.getMessage());
        assertThrows(InvalidDocumentException.class, () -> new PdfBody(file, "scan.pdf"), "a request made now");
        assertThrows(IOException.class, () -> new ContentDigest().add(file), "the digest of its idempotency key");
    }

    @Test
    void aFileThatChangesBetweenItsLengthAndItsBytesFailsTheAttempt() throws IOException {
        Path file = Files.write(dir.resolve("scan.pdf"), "%PDF-1.7".getBytes());
        PdfBody body = new PdfBody(file, "scan.pdf");
        assertEquals(8, body.getContentLength());
        Files.write(file, "%PDF-1.7 and more".getBytes());
        IOException e = assertThrows(IOException.class, () -> body.writeTo(new ByteArrayOutputStream()));
        assertEquals("scan.pdf: the inbox file changed while it was sent (17 bytes, not 8)", e.getMessage());
    }
}
