package io.pdfsluice.inbox;

import java.nio.charset.Charset;

/**
 * Bytes of an inbox file that are not text in its charset.
 *
 * @param position the index, among the characters read, of the U+FFFD that stands in for them
 * @param line 1-based, counting line breaks as BufferedReader does (\n, \r or \r\n)
 * @param column 1-based, in characters
 */
record Undecodable(Charset charset, byte[] bytes, long position, long line, long column) {

    /** "not valid UTF-8 (byte 0xE9 at line 3, column 12)" */
    String describe() {
        return "not valid " + charset.name() + " (" + hex() + " at line " + line + ", column " + column + ")";
    }

    /** For a reason that already names the line: "not valid UTF-8 (byte 0xE9 at column 12)" */
    String describeInLine() {
        return "not valid " + charset.name() + " (" + hex() + " at column " + column + ")";
    }

    private String hex() {
        StringBuilder s = new StringBuilder(bytes.length == 1 ? "byte" : "bytes");
        for (byte b : bytes) {
            s.append(String.format(" 0x%02X", b & 0xFF));
        }
        return s.toString();
    }
}
