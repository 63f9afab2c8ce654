package io.moments.models.face;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * A decoded RGB image, the input of {@link FaceAnalyzer}. Pixels are kept in memory only for the
 * duration of an analysis; nothing here is ever written anywhere.
 *
 * <p>{@link #decodeJpeg} is strict: anything that is not a complete, well-formed baseline or
 * progressive JPEG is refused with an {@link InvalidImageException}, including a JPEG the decoder
 * could only partly read (it reports a warning, e.g. "Premature end of JPEG file", instead of
 * failing; we treat any decoder warning as corruption). EXIF orientation is not applied (as in
 * face-api's {@code tf.node.decodeImage}).
 */
public final class FaceImage {

    /** Default cap on decoded pixels (about 8000x5000); guards against decompression bombs. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    private final int width;
    private final int height;
    /** Packed 0xRRGGBB per pixel, row-major. */
    private final int[] rgb;

    private FaceImage(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Packed 0xRRGGBB of pixel (x, y). */
    int rgbAt(int x, int y) {
        return rgb[y * width + x];
    }

    /** Decodes a JPEG with the default pixel cap. */
    public static FaceImage decodeJpeg(byte[] jpeg) throws InvalidImageException {
        return decodeJpeg(jpeg, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes a JPEG with {@code javax.imageio}.
     *
     * @throws InvalidImageException {@code EMPTY}, {@code NOT_JPEG}, {@code CORRUPT_JPEG} or
     *     {@code BAD_DIMENSIONS} (more than {@code maxPixels}); checked so callers dead-letter it
     */
    public static FaceImage decodeJpeg(byte[] jpeg, long maxPixels) throws InvalidImageException {
        if (jpeg == null || jpeg.length == 0) {
            throw new InvalidImageException(InvalidImageException.Reason.EMPTY, "empty image");
        }
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_JPEG,
                    "not a JPEG (no FF D8 start-of-image marker)");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("no JPEG reader in javax.imageio");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(listener);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0 || (long) w * h > maxPixels) {
                throw new InvalidImageException(InvalidImageException.Reason.BAD_DIMENSIONS,
                        "image is " + w + "x" + h + ", limit is " + maxPixels + " pixels");
            }
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new InvalidImageException(InvalidImageException.Reason.CORRUPT_JPEG,
                        "corrupt JPEG: " + warnings.get(0));
            }
            return of(image);
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO signals bad data with IIOException, but also with IllegalArgumentException,
            // IndexOutOfBoundsException, etc. on hostile input
            throw new InvalidImageException(InvalidImageException.Reason.CORRUPT_JPEG,
                    "corrupt JPEG: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** Wraps an already decoded image (any type; converted to RGB, alpha dropped). */
    public static FaceImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && isPackedBgr(image, w)) {
            byte[] bgr = buffer.getData();
            for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
                rgb[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
            }
        } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // not getRGB: Java converts its linear gray space to sRGB, which brightens every pixel;
            // decoders (and face-api) simply repeat the gray value in R, G and B
            var raster = image.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int g = row[x] & 0xff;
                    rgb[y * w + x] = g << 16 | g << 8 | g;
                }
            }
        } else {
            image.getRGB(0, 0, w, h, rgb, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
        }
        return new FaceImage(w, h, rgb);
    }

    private static boolean isPackedBgr(BufferedImage image, int w) {
        var sm = image.getRaster().getSampleModel();
        return image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && sm instanceof java.awt.image.PixelInterleavedSampleModel p
                && p.getScanlineStride() == 3 * w && p.getPixelStride() == 3;
    }
}
