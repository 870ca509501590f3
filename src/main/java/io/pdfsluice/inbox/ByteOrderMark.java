package io.pdfsluice.inbox;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The byte-order marks a text file may start with, and the charset each one announces. */
enum ByteOrderMark {
    // UTF-32LE first: its mark starts with UTF-16LE's.
    UTF_32LE(Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00),
    UTF_32BE(Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF),
    UTF_8(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
    UTF_16LE(StandardCharsets.UTF_16LE, 0xFF, 0xFE),
    UTF_16BE(StandardCharsets.UTF_16BE, 0xFE, 0xFF);

    static final int LONGEST = 4;

    final Charset charset;
    private final int[] bytes;

    ByteOrderMark(Charset charset, int... bytes) {
        this.charset = charset;
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    /** The mark the buffer's remaining bytes start with, or null. */
    static ByteOrderMark at(ByteBuffer head) {
        for (ByteOrderMark mark : values()) {
            if (mark.startsAt(head)) {
                return mark;
            }
        }
        return null;
    }

    private boolean startsAt(ByteBuffer head) {
        if (head.remaining() < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head.get(head.position() + i) & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
