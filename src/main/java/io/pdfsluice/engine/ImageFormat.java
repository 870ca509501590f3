package io.pdfsluice.engine;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.w3c.dom.Element;

/**
 * The raster formats pages can be written as, each recording the rendering resolution in the file (JFIF density
 * for JPEG, pHYs for PNG) as PDFBox's ImageIOUtil would; that class lives in pdfbox-tools, which the app does not
 * ship.
 */
public enum ImageFormat {

    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String mediaType;

    ImageFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Accepts "jpg", "jpeg" and "png" in any case. */
    public static ImageFormat of(String name) {
        String normalised = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (normalised) {
            case "jpg":
            case "jpeg":
                return JPEG;
            case "png":
                return PNG;
            default:
                throw new IllegalArgumentException("unsupported image format '" + name + "': use jpg or png");
        }
    }

    void write(BufferedImage image, int dpi, float jpegQuality, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(this == JPEG ? "jpeg" : "png").next();
        // Not ImageIO.createImageOutputStream: by default that spools through a temporary file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (this == JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            if (this == JPEG) {
                recordJfifDensity(metadata, dpi);
            } else {
                recordPixelDensity(metadata, dpi);
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    private static void recordJfifDensity(IIOMetadata metadata, int dpi) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        Element tree = (Element) metadata.getAsTree(format);
        Element jfif = (Element) tree.getElementsByTagName("app0JFIF").item(0);
        if (jfif != null) {
            jfif.setAttribute("resUnits", "1");
            jfif.setAttribute("Xdensity", Integer.toString(dpi));
            jfif.setAttribute("Ydensity", Integer.toString(dpi));
            metadata.setFromTree(format, tree);
        }
    }

    private static void recordPixelDensity(IIOMetadata metadata, int dpi) throws IOException {
        // The native pHYs node, because the JDK's PNG writer misreads the standard tree's HorizontalPixelSize.
        String format = "javax_imageio_png_1.0";
        String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode physical = new IIOMetadataNode("pHYs");
        physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        physical.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(format);
        root.appendChild(physical);
        metadata.mergeTree(format, root);
    }
}
