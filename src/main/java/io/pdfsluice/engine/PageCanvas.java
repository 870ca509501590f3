package io.pdfsluice.engine;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;

/**
 * The raster one worker renders page after page into. PDFRenderer.renderImage allocates a new image for every page
 * (6.5 MB for A4 at 150 DPI): each one is a humongous allocation for G1, and with a small heap they kept G1 in
 * back-to-back concurrent cycles that took most of a core. Pages of the same size reuse one raster instead.
 *
 * The raster is 3-byte BGR, which the JDK's JPEG writer encodes straight from the pixel bytes (measured: 16 ms
 * instead of 25 ms a page for an int-RGB raster, and no slower to render or to write as PNG).
 *
 * Sizing, rotation and the white background follow PDFRenderer.renderImage; a page that uses blend modes is left
 * to renderImage itself, because it draws those through an ARGB raster of its own.
 */
final class PageCanvas {

    private BufferedImage raster;

    /**
     * Java2D's Marlin renderer samples every pixel 256 x 8 times for anti-aliasing; 16 x 4 draws text that looks
     * the same at 150 DPI (pdftoppm samples 4 x 4) and takes less CPU (docs/BENCHMARKS.md has the runs). Marlin
     * reads these once, at its first use, which is a page render; -D options given to the JVM win.
     */
    static void antialiasLikePoppler() {
        if (System.getProperty("sun.java2d.renderer.subPixel_lg_X") == null
                && System.getProperty("sun.java2d.renderer.subPixel_lg_Y") == null) {
            System.setProperty("sun.java2d.renderer.subPixel_lg_X", "4");
            System.setProperty("sun.java2d.renderer.subPixel_lg_Y", "2");
        }
    }

    /** A page whose raster would not fit in one byte array (about 715 million pixels) is refused, by either renderer. */
    static void checkSize(PDPage page, int pageIndex, int dpi) throws IOException {
        float scale = dpi / 72f;
        PDRectangle cropBox = page.getCropBox();
        long width = (long) Math.max(Math.floor(cropBox.getWidth() * scale), 1);
        long height = (long) Math.max(Math.floor(cropBox.getHeight() * scale), 1);
        if (width * height > Integer.MAX_VALUE / 3) {
            throw RenderLimitException.pageTooLarge(pageIndex + 1, dpi);
        }
    }

    BufferedImage render(PDFRenderer renderer, PDPage page, int pageIndex, int dpi) throws IOException {
        float scale = dpi / 72f;
        checkSize(page, pageIndex, dpi);
        if (usesBlendModes(page)) {
            return renderer.renderImage(pageIndex, scale, ImageType.BGR, RenderDestination.EXPORT);
        }
        PDRectangle cropBox = page.getCropBox();
        int width = (int) Math.max(Math.floor(cropBox.getWidth() * scale), 1);
        int height = (int) Math.max(Math.floor(cropBox.getHeight() * scale), 1);
        int rotation = page.getRotation();
        BufferedImage image = rotation == 90 || rotation == 270 ? canvas(height, width) : canvas(width, height);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setBackground(Color.WHITE);
            graphics.clearRect(0, 0, image.getWidth(), image.getHeight());
            renderer.renderPageToGraphics(pageIndex, graphics, scale, scale, RenderDestination.EXPORT);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static final ComponentColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    /**
     * The same pixels in R, G, B byte order, swapped in place (the canvas is cleared before its next page). The image
     * writers want the bands in that order: given BGR, the JPEG writer copied every scanline sample by sample (42 %
     * of its time, measured), given RGB it copies whole rows. Java2D itself draws fastest into BGR, hence the swap.
     */
    static BufferedImage inRgbOrder(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
                || !(image.getRaster().getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || buffer.getData().length != image.getWidth() * image.getHeight() * 3) {
            return image;
        }
        byte[] pixels = buffer.getData();
        for (int i = 0; i < pixels.length; i += 3) {
            byte blue = pixels[i];
            pixels[i] = pixels[i + 2];
            pixels[i + 2] = blue;
        }
        int width = image.getWidth();
        return new BufferedImage(RGB, Raster.createInterleavedRaster(buffer, width, image.getHeight(), width * 3, 3,
                new int[] { 0, 1, 2 }, null), false, null);
    }

    private BufferedImage canvas(int width, int height) {
        if (raster == null || raster.getWidth() != width || raster.getHeight() != height) {
            raster = null; // let the old raster go before the new one is allocated
            raster = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        }
        return raster;
    }

    /** The same test PDFRenderer makes: a blend mode other than Normal in the page's graphics states. */
    static boolean usesBlendModes(PDPage page) {
        PDResources resources = page.getResources();
        if (resources == null) {
            return false;
        }
        for (COSName name : resources.getExtGStateNames()) {
            PDExtendedGraphicsState state = resources.getExtGState(name);
            if (state != null && state.getBlendMode() != BlendMode.NORMAL) {
                return true;
            }
        }
        return false;
    }
}
