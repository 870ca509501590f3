package io.pdfsluice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.swing.NaiveUserAgent;

/**
 * What one document's HTML may load: inline {@code data:} resources only (never a file or a URL of this server's
 * reach), and among them no raster image over {@value #MAX_PIXELS} pixels. An image's size is read from its header,
 * decoded the way the renderer decodes it, before the renderer decodes its pixels: a few hundred KB of PNG can
 * unpack to gigabytes, and did, past the deadline. Each image is judged once a render (a logo on every page is read
 * once). A refused image is left out where the renderer asks, and {@link #check()} then fails the render, since
 * the renderer swallows some failures of its own callbacks (CSS backgrounds).
 */
final class EmbeddedImages {

    /** The most pixels an embedded image may have: a 50-megapixel photo fits, an image bomb does not. */
    static final long MAX_PIXELS = 50_000_000L;

    private final Map<String, Boolean> verdicts = new HashMap<>();
    private RenderLimitException refused;

    /** Whether the typesetter may load this resource (its callback, on the render's own thread). */
    boolean allowed(String uri, ExternalResourceType type) {
        if (uri == null || !uri.startsWith("data:")) {
            return false;
        }
        if (type != ExternalResourceType.IMAGE_RASTER) {
            return true;
        }
        return verdicts.computeIfAbsent(uri, this::withinSize);
    }

    /** @throws RenderLimitException when an image was refused for its size */
    void check() {
        if (refused != null) {
            throw refused;
        }
    }

    private boolean withinSize(String uri) {
        FSStream stream = new NaiveUserAgent.DataUriFactory().getUrl(uri);
        try (InputStream bytes = stream == null ? null : stream.getStream();
                ImageInputStream in = bytes == null ? null : ImageIO.createImageInputStream(bytes)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return false; // not an image ImageIO can measure: the renderer could not draw it either
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    refused = refused != null ? refused : RenderLimitException.imageTooLarge(width, height);
                    return false;
                }
                return true;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return false; // a broken header: left out, as the renderer would
        }
    }
}
