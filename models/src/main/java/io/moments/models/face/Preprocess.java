package io.moments.models.face;

/**
 * Turns images into the two nets' input tensors exactly as face-api does for tensor input
 * ({@code NetInput.toBatchTensor}): pad to a square with zeros, resize with TensorFlow's legacy
 * bilinear rule ({@code align_corners=false, half_pixel_centers=false}: source = dst × in/out),
 * subtract the per-channel mean, divide by 255; written as CHW floats.
 */
final class Preprocess {

    private Preprocess() {
    }

    /**
     * The detector input: the whole image padded at the bottom/right to a square (face-api pads
     * the detector input at the top-left corner, not centred), resized to {@code size}.
     */
    static void detectorInput(FaceImage img, int size, float[] dst, int offset) {
        int side = Math.max(img.width(), img.height());
        resize(img, 0, 0, img.height(), img.width(), 0, 0, side, size, TinyFaceDetectorNet.MEAN_RGB, dst, offset);
    }

    /**
     * The expression input for one face: the box cropped, padded to a square with the padding
     * split around the crop (face-api puts {@code round(diff/2)} after and the rest before),
     * resized to 112.
     */
    static void expressionInput(FaceImage img, FaceResult.Box box, float[] dst, int offset) {
        int h = box.height();
        int w = box.width();
        int diff = Math.abs(h - w);
        int after = (int) Math.round(diff * 0.5);
        int before = diff - after;
        int padTop = h < w ? before : 0;
        int padLeft = w < h ? before : 0;
        resize(img, box.y(), box.x(), h, w, padTop, padLeft, Math.max(h, w), FaceExpressionNet.INPUT_SIZE,
                FaceExpressionNet.MEAN_RGB, dst, offset);
    }

    /**
     * Bilinear resize of a virtual {@code side × side} square to {@code out × out}. The square
     * holds the image region {@code [y0, y0+rh) × [x0, x0+rw)} at offset ({@code padTop},
     * {@code padLeft}); everything else is 0.
     */
    static void resize(FaceImage img, int y0, int x0, int rh, int rw, int padTop, int padLeft, int side, int out,
                       float[] mean, float[] dst, int offset) {
        double ratio = (double) side / out;
        int[] xa = new int[out];
        int[] xb = new int[out];
        float[] fx = new float[out];
        for (int c = 0; c < out; c++) {
            double src = c * ratio;
            int lo = (int) Math.floor(src);
            xa[c] = sourceIndex(lo, padLeft, rw, x0);
            xb[c] = sourceIndex(Math.min(lo + 1, side - 1), padLeft, rw, x0);
            fx[c] = (float) (src - lo);
        }
        int plane = out * out;
        for (int r = 0; r < out; r++) {
            double src = r * ratio;
            int lo = (int) Math.floor(src);
            int ya = sourceIndex(lo, padTop, rh, y0);
            int yb = sourceIndex(Math.min(lo + 1, side - 1), padTop, rh, y0);
            float fy = (float) (src - lo);
            for (int c = 0; c < out; c++) {
                int tl = pixel(img, xa[c], ya);
                int tr = pixel(img, xb[c], ya);
                int bl = pixel(img, xa[c], yb);
                int br = pixel(img, xb[c], yb);
                int o = offset + r * out + c;
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    float vtl = (tl >> shift) & 0xff;
                    float vtr = (tr >> shift) & 0xff;
                    float vbl = (bl >> shift) & 0xff;
                    float vbr = (br >> shift) & 0xff;
                    float top = vtl + (vtr - vtl) * fx[c];
                    float bottom = vbl + (vbr - vbl) * fx[c];
                    float v = top + (bottom - top) * fy;
                    dst[o + ch * plane] = (v - mean[ch]) / 255f;
                }
            }
        }
    }

    /** Image coordinate of square coordinate {@code s}, or -1 inside the zero padding. */
    private static int sourceIndex(int s, int pad, int extent, int origin) {
        int i = s - pad;
        return i < 0 || i >= extent ? -1 : origin + i;
    }

    private static int pixel(FaceImage img, int x, int y) {
        return x < 0 || y < 0 ? 0 : img.rgbAt(x, y);
    }
}
