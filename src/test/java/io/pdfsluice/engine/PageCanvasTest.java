package io.pdfsluice.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.PixelInterleavedSampleModel;

import org.junit.jupiter.api.Test;

/** The raster handed to the image writers: the rendered pixels, bands in R, G, B order. */
class PageCanvasTest {

    @Test
    void aBgrPageIsHandedOverInRgbOrderWithTheSameColours() {
        BufferedImage bgr = new BufferedImage(3, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 1, 1);
        g.setColor(Color.GREEN);
        g.fillRect(1, 0, 1, 1);
        g.setColor(Color.BLUE);
        g.fillRect(2, 0, 1, 1);
        g.dispose();

        BufferedImage rgb = PageCanvas.inRgbOrder(bgr);

        assertArrayEquals(new int[] { 0, 1, 2 },
                ((PixelInterleavedSampleModel) rgb.getSampleModel()).getBandOffsets(),
                "the order the JPEG writer copies whole rows from");
        assertEquals(Color.RED.getRGB(), rgb.getRGB(0, 0));
        assertEquals(Color.GREEN.getRGB(), rgb.getRGB(1, 0));
        assertEquals(Color.BLUE.getRGB(), rgb.getRGB(2, 0));
        assertSame(bgr.getRaster().getDataBuffer(), rgb.getRaster().getDataBuffer(), "no copy of the page");
    }

    @Test
    void anyOtherRasterIsLeftAsItIs() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        assertSame(argb, PageCanvas.inRgbOrder(argb));
    }
}
