package io.moments.models.face;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: the Java half of the cross-check against the JavaScript library (see
 * {@code models/face/crosscheck/README.md}). For each JPEG it writes the decoded pixels
 * ({@code NAME.rgb}, raw RGB bytes) so that face-api sees exactly what we see, plus
 * {@code java.json} with our unrounded detections, face boxes and probabilities, and probabilities
 * for extra boxes of varied shapes (tall, wide, tiny, exactly 112) that exercise the crop padding.
 *
 * <p>Usage: {@code CrossCheckDump OUT_DIR IMAGE.jpg...}
 */
public final class CrossCheckDump {

    private CrossCheckDump() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<Object> all = new ArrayList<>();
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            for (int k = 1; k < args.length; k++) {
                Path file = Path.of(args[k]);
                String name = file.getFileName().toString();
                FaceImage img = FaceImage.decodeJpeg(Files.readAllBytes(file));
                byte[] raw = new byte[img.width() * img.height() * 3];
                for (int y = 0, i = 0; y < img.height(); y++) {
                    for (int x = 0; x < img.width(); x++) {
                        int p = img.rgbAt(x, y);
                        raw[i++] = (byte) (p >> 16);
                        raw[i++] = (byte) (p >> 8);
                        raw[i++] = (byte) p;
                    }
                }
                Files.write(out.resolve(name + ".rgb"), raw);

                Map<String, Object> r = new LinkedHashMap<>();
                r.put("file", name);
                r.put("width", img.width());
                r.put("height", img.height());
                List<Object> dets = new ArrayList<>();
                for (TinyYoloDecoder.Detection d : analyzer.detectRelative(img)) {
                    dets.add(List.of(d.x(), d.y(), d.width(), d.height(), d.score()));
                }
                r.put("detections", dets);
                List<Object> faces = new ArrayList<>();
                for (FaceResult f : analyzer.analyze(img)) {
                    faces.add(Map.of("box", f.box().toArray(), "p", probabilities(f)));
                }
                r.put("faces", faces);
                r.put("extra", extra(analyzer, img, name));
                all.add(r);
            }
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("java.json").toFile(), all);
    }

    /** Ten boxes per image: four fixed shapes and six random ones (seeded by the file name). */
    static List<FaceResult.Box> extraBoxes(FaceImage img, String name) {
        List<FaceResult.Box> boxes = new ArrayList<>();
        int[][] fixed = {
            {0, 0, 112, 112}, {10, 20, 40, 90}, {5, 5, 90, 33},
            {0, 0, Math.min(img.width(), 300), Math.min(img.height(), 500)},
        };
        for (int[] q : fixed) {
            boxes.add(new FaceResult.Box(q[0], q[1], q[2], q[3]));
        }
        Random rnd = new Random(name.hashCode());
        for (int t = 0; t < 6; t++) {
            int w = 8 + rnd.nextInt(Math.min(img.width(), 600) - 8);
            int h = 8 + rnd.nextInt(Math.min(img.height(), 600) - 8);
            boxes.add(new FaceResult.Box(rnd.nextInt(img.width() - w + 1), rnd.nextInt(img.height() - h + 1), w, h));
        }
        return boxes;
    }

    private static List<Object> extra(FaceAnalyzer analyzer, FaceImage img, String name) {
        List<FaceResult.Box> boxes = extraBoxes(img, name);
        float[][] p = analyzer.expressions(java.util.Collections.nCopies(boxes.size(), img), boxes);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            out.add(Map.of("box", boxes.get(i).toArray(), "p", p[i]));
        }
        return out;
    }

    private static double[] probabilities(FaceResult f) {
        double[] p = new double[Expression.count()];
        for (int e = 0; e < p.length; e++) {
            p[e] = f.probability(Expression.ofIndex(e));
        }
        return p;
    }
}
