package io.pdfsluice.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The characters of an inbox file, decoded strictly: in the charset its byte-order mark announces (the mark is
 * skipped), else in the configured one. Bytes that do not decode read as one U+FFFD and are noted as an
 * {@link Undecodable}, so that a record reader can fail the one record they fall in and go on with the next.
 * Only the notes not yet taken are kept: as many as fit in the readers' read-ahead.
 */
final class InboxText extends Reader {

    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final Deque<Undecodable> undecodable = new ArrayDeque<>();
    private boolean endOfInput;
    private boolean done;
    private long position;
    private long line = 1;
    private long column = 1;
    private boolean afterCarriageReturn;

    InboxText(InputStream in, Charset otherwise) throws IOException {
        this.in = in;
        while (!endOfInput && bytes.remaining() < ByteOrderMark.LONGEST) {
            fill();
        }
        ByteOrderMark mark = ByteOrderMark.at(bytes);
        if (mark != null) {
            bytes.position(mark.length());
        }
        this.charset = mark != null ? mark.charset : otherwise;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Opens an inbox file without following a symbolic link: a link put in the file's place after its pickup (where
     * InboxLinks looked) fails to open instead of reading whatever it points at.
     */
    static InboxText open(Path file, Charset otherwise) throws IOException {
        InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        try {
            return new InboxText(in, otherwise);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    Charset charset() {
        return charset;
    }

    /** The first undecodable bytes before the given character position, if any; earlier notes are dropped. */
    Undecodable takeBefore(long characterPosition) {
        Undecodable first = null;
        while (!undecodable.isEmpty() && undecodable.peekFirst().position() < characterPosition) {
            Undecodable u = undecodable.pollFirst();
            first = first == null ? u : first;
        }
        return first;
    }

    /** The first undecodable bytes on the given line, if any; notes on this line and earlier ones are dropped. */
    Undecodable takeOnLine(long lineNumber) {
        Undecodable first = null;
        while (!undecodable.isEmpty() && undecodable.peekFirst().line() <= lineNumber) {
            Undecodable u = undecodable.pollFirst();
            first = first == null && u.line() == lineNumber ? u : first;
        }
        return first;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        int counted = offset;
        while (out.position() == offset) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError() && out.hasRemaining()) {
                counted = count(buffer, counted, out.position());
                byte[] bad = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.position() + result.length());
                undecodable.addLast(new Undecodable(charset, bad, position, line, column));
                bytes.position(bytes.position() + result.length());
                out.put(REPLACEMENT);
            } else if (result.isOverflow() || result.isError()) {
                break;
            } else if (endOfInput) {
                decoder.flush(out);
                done = true;
                break;
            } else {
                fill();
            }
        }
        count(buffer, counted, out.position());
        int read = out.position() - offset;
        return read == 0 && done ? -1 : read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /** Moves position, line and column past the characters buffer[from, to), and returns to. */
    private int count(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            if (c == '\n' && afterCarriageReturn) {
                column = 1;
            } else if (c == '\n' || c == '\r') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
            afterCarriageReturn = c == '\r';
        }
        position += to - from;
        return to;
    }
}
