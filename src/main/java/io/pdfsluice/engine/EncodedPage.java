package io.pdfsluice.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One page's encoded image, held between the worker that encoded it and the writer that puts pages out in order.
 *
 * The bytes are kept in 64 KB chunks rather than one growing array: a page is often larger than half a G1 region
 * (512 KB with a 256 MB heap), and every array that size is a humongous allocation that pushes G1 into another
 * concurrent cycle. The CRC-32 is computed while encoding so that a ZIP entry can be stored (not deflated again)
 * without a second pass.
 */
final class EncodedPage extends OutputStream {

    private static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private final CRC32 crc = new CRC32();
    private byte[] current;
    private int used = CHUNK;
    private long size;

    @Override
    public void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        crc.update(b, off, len);
        size += len;
        while (len > 0) {
            if (used == CHUNK) {
                current = new byte[CHUNK];
                chunks.add(current);
                used = 0;
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    long size() {
        return size;
    }

    long crc32() {
        return crc.getValue();
    }

    void writeTo(OutputStream out) throws IOException {
        long left = size;
        for (byte[] chunk : chunks) {
            int n = (int) Math.min(left, chunk.length);
            out.write(chunk, 0, n);
            left -= n;
        }
    }
}
