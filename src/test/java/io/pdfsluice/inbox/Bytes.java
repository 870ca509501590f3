package io.pdfsluice.inbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** File contents for tests: strings in a charset, with raw bytes (Integers) wherever a test needs hostile ones. */
final class Bytes {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Bytes() {
    }

    static byte[] utf8(Object... parts) {
        return of(StandardCharsets.UTF_8, parts);
    }

    static byte[] of(Charset charset, Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(charset));
            }
        }
        return out.toByteArray();
    }
}
