package io.pdfsluice.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;

/**
 * What a document's HTML may load: inline {@code data:} resources only (never a file or a URL of this server's
 * reach), and among them no raster image over {@value #MAX_PIXELS} pixels. An image's size is read from its header
 * before it is decoded: a few hundred KB of PNG can unpack to gigabytes of pixels, and did, past the deadline.
 */
final class EmbeddedImages {

    /** The most pixels an embedded image may have: a 50-megapixel photo fits, an image bomb does not. */
    static final long MAX_PIXELS = 50_000_000L;

    private EmbeddedImages() {
    }

    /**
     * Whether the typesetter may load this resource.
     *
     * @throws RenderLimitException for an embedded image over {@link #MAX_PIXELS}
     */
    static boolean allowed(String uri, ExternalResourceType type) {
        if (uri == null || !uri.startsWith("data:")) {
            return false;
        }
        if (type == ExternalResourceType.IMAGE_RASTER) {
            checkSize(uri);
        }
        return true;
    }

    private static void checkSize(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0 || !uri.substring(0, comma).toLowerCase(java.util.Locale.ROOT).endsWith(";base64")) {
            return; // not base64: the renderer cannot read it as an image either
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(uri.substring(comma + 1));
        } catch (IllegalArgumentException notBase64) {
            return;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return; // not an image ImageIO knows: the renderer leaves it out
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw RenderLimitException.imageTooLarge(width, height);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException unreadable) {
            // a broken header: the renderer leaves the image out
        }
    }
}
