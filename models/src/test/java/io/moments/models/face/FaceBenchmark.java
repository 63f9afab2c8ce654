package io.moments.models.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Not a test: measures the face models on one thread (run with
 * {@code -Dai.djl.pytorch.num_threads=1}). Prints median and 90th percentile milliseconds for the
 * expression net per face at batch 1 and 8, the detector per 416 image at batch 1 and 4, the
 * preprocessing steps, JPEG decoding and a whole {@code analyze(jpeg)} call, on the committed
 * demo photos. Usage: {@code FaceBenchmark [ROUNDS]} from the {@code models} directory.
 */
public final class FaceBenchmark {

    private FaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        byte[] jpeg = TestImages.bytes("sample3.jpg");
        FaceImage image = FaceImage.decodeJpeg(jpeg);
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            List<FaceResult> faces = analyzer.analyze(image);
            int side = FaceExpressionNet.INPUT_SIZE;
            int stride = 3 * side * side;
            float[] batch8 = new float[8 * stride];
            for (int i = 0; i < 8; i++) {
                Preprocess.expressionInput(image, faces.get(i % faces.size()).box(), batch8, i * stride);
            }
            float[] batch1 = Arrays.copyOf(batch8, stride);
            int size = analyzer.settings().inputSize();
            float[] det4 = new float[4 * 3 * size * size];
            for (int i = 0; i < 4; i++) {
                Preprocess.detectorInput(image, size, det4, i * 3 * size * size);
            }
            float[] det1 = Arrays.copyOf(det4, 3 * size * size);

            System.out.printf("image %dx%d, %d faces, %d rounds, 1 thread%n", image.width(), image.height(),
                    faces.size(), rounds);
            report("expression net, batch 1 (per face)", 4 * rounds, 1,
                    () -> analyzer.runExpressionNet(batch1, 1).length);
            report("expression net, batch 8 (per face)", rounds, 8,
                    () -> analyzer.runExpressionNet(batch8, 8).length);
            report("detector 416, batch 1 (per image)", rounds, 1, () -> analyzer.runDetector(det1, 1).length);
            report("detector 416, batch 4 (per image)", rounds / 2, 4, () -> analyzer.runDetector(det4, 4).length);
            float[] scratch = new float[3 * size * size];
            report("detector preprocessing (1920px -> 416)", rounds, 1, () -> {
                Preprocess.detectorInput(image, size, scratch, 0);
                return 0;
            });
            report("crop preprocessing (-> 112, per face)", 4 * rounds, 1, () -> {
                Preprocess.expressionInput(image, faces.get(0).box(), batch1, 0);
                return 0;
            });
            report("JPEG decode (" + jpeg.length / 1024 + " KiB, " + image.width() + "x" + image.height() + ")",
                    rounds, 1, () -> {
                        try {
                            return FaceImage.decodeJpeg(jpeg).width();
                        } catch (InvalidImageException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            report("analyze(jpeg) end to end (" + faces.size() + " faces)", rounds, 1, () -> {
                try {
                    return analyzer.analyze(jpeg).size();
                } catch (InvalidImageException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] small = downscaledJpeg(jpeg, 640);
            FaceImage smallImage = FaceImage.decodeJpeg(small);
            report("JPEG decode (" + small.length / 1024 + " KiB, " + smallImage.width() + "x" + smallImage.height() + ")",
                    rounds, 1, () -> {
                        try {
                            return FaceImage.decodeJpeg(small).width();
                        } catch (InvalidImageException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            int smallFaces = analyzer.analyze(smallImage).size();
            report("analyze(jpeg) " + smallImage.width() + "px frame (" + smallFaces + " faces)", rounds, 1, () -> {
                try {
                    return analyzer.analyze(small).size();
                } catch (InvalidImageException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** The same photo scaled to {@code width} pixels wide and re-encoded (quality 0.85), like a webcam frame. */
    private static byte[] downscaledJpeg(byte[] jpeg, int width) throws java.io.IOException {
        java.awt.image.BufferedImage src = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        int height = Math.round(src.getHeight() * (float) width / src.getWidth());
        java.awt.image.BufferedImage dst = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = dst.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(dst, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void report(String what, int rounds, int perCall, IntSupplier call) {
        for (int i = 0; i < Math.max(5, rounds / 5); i++) {
            call.getAsInt();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            call.getAsInt();
            ms.add((System.nanoTime() - t0) / 1e6 / perCall);
        }
        ms.sort(Double::compare);
        double median = ms.get(ms.size() / 2);
        double p90 = ms.get((int) Math.floor(ms.size() * 0.9));
        System.out.printf("%-45s median %7.2f ms  p90 %7.2f ms  (%.0f/s)%n", what, median, p90, 1000 / median);
    }
}
