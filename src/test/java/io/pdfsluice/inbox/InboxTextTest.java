package io.pdfsluice.inbox;

import static io.pdfsluice.inbox.Bytes.WINDOWS_1252;
import static io.pdfsluice.inbox.Bytes.utf8;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbox text is decoded strictly: byte-order marks are honoured, bad bytes are noted where they stand. */
class InboxTextTest {

    @Test
    void aLinkPutInAnInboxFilesPlaceAfterItsPickupIsNotOpened(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "# not for the API");
        Path file = Files.writeString(dir.resolve("memo.md"), "# Memo");
        try (InboxText text = InboxText.open(file, UTF_8)) {
            assertEquals("# Memo", readAll(text));
        }
        Files.delete(file);
        Files.createSymbolicLink(file, secret);
        assertThrows(IOException.class, () -> InboxText.open(file, UTF_8));
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndWinsOverTheConfiguredCharset() throws IOException {
        InboxText text = text(utf8(0xEF, 0xBB, 0xBF, "id,café"), WINDOWS_1252);
        assertEquals("id,café", readAll(text));
        assertEquals(UTF_8, text.charset());
        assertNull(text.takeBefore(Long.MAX_VALUE));
    }

    @Test
    void utf16ByteOrderMarksAreHonouredInBothByteOrders() throws IOException {
        assertEquals("id,café\n", readAll(text(Bytes.of(UTF_16LE, 0xFF, 0xFE, "id,café\n"), UTF_8)));
        assertEquals("id,café\n", readAll(text(Bytes.of(UTF_16BE, 0xFE, 0xFF, "id,café\n"), UTF_8)));
    }

    @Test
    void aFileWithoutAByteOrderMarkIsReadInTheConfiguredCharset() throws IOException {
        InboxText text = text(Bytes.of(WINDOWS_1252, "Café – 5 €"), WINDOWS_1252);
        assertEquals("Café – 5 €", readAll(text));
        assertNull(text.takeBefore(Long.MAX_VALUE));
    }

    @Test
    void anUndecodableByteReadsAsOneReplacementAndIsNotedWithItsLineAndColumn() throws IOException {
        InboxText text = text(utf8("ab\r\ncd", 0xE9, "f\rg"), UTF_8);
        assertEquals("ab\r\ncd\uFFFDf\rg", readAll(text));
        Undecodable u = text.takeBefore(Long.MAX_VALUE);
        assertEquals(6, u.position());
        assertEquals(2, u.line());
        assertEquals(3, u.column());
        assertEquals("not valid UTF-8 (byte 0xE9 at line 2, column 3)", u.describe());
        assertNull(text.takeBefore(Long.MAX_VALUE));
    }

    @Test
    void aBadByteBeforeALineBreakDoesNotSwallowTheLineBreak() throws IOException {
        InboxText text = text(utf8("a", 0xE9, "\nb", 0xC3), UTF_8);
        assertEquals("a\uFFFD\nb\uFFFD", readAll(text));
        assertEquals("not valid UTF-8 (byte 0xE9 at column 2)", text.takeOnLine(1).describeInLine());
        assertEquals("not valid UTF-8 (byte 0xC3 at column 2)", text.takeOnLine(2).describeInLine());
    }

    @Test
    void aSequenceCutShortIsNotedWithAllItsBytes() throws IOException {
        InboxText text = text(utf8("a", 0xF0, 0x9F, 0x98, "b"), UTF_8);
        assertEquals("a\uFFFDb", readAll(text));
        assertEquals("not valid UTF-8 (bytes 0xF0 0x9F 0x98 at column 2)", text.takeOnLine(1).describeInLine());
    }

    @Test
    void bytesThatWindows1252DoesNotDefineAreNotedNamingThatCharset() throws IOException {
        InboxText text = text(new byte[] { 'a', (byte) 0x81, 'b' }, WINDOWS_1252);
        assertEquals("a\uFFFDb", readAll(text));
        assertEquals("not valid windows-1252 (byte 0x81 at line 1, column 2)", text.takeBefore(3).describe());
    }

    @Test
    void multiByteCharactersAcrossTheReadBuffersDecodeWholeAndKeepPositionsExact() throws IOException {
        String many = "é€😀".repeat(5000);
        InboxText text = text(utf8(many, 0xFF, "\n"), UTF_8);
        assertEquals(many + "\uFFFD\n", readAll(text));
        Undecodable u = text.takeBefore(Long.MAX_VALUE);
        assertEquals(many.length(), u.position());
        assertEquals(many.codePointCount(0, many.length()) + 1, u.column());
    }

    @Test
    void onlyTheNotesBeforeAPositionAreTaken() throws IOException {
        InboxText text = text(utf8("a", 0xE9, "bc", 0xE9, 0xE9, "d"), UTF_8);
        readAll(text);
        assertEquals(1, text.takeBefore(2).position());
        assertNull(text.takeBefore(4));
        assertEquals(4, text.takeBefore(6).position());
        assertNull(text.takeBefore(Long.MAX_VALUE));
    }

    private static InboxText text(byte[] bytes, Charset otherwise) throws IOException {
        return new InboxText(new ByteArrayInputStream(bytes), otherwise);
    }

    private static String readAll(InboxText text) throws IOException {
        StringWriter out = new StringWriter();
        text.transferTo(out);
        return out.toString();
    }
}
