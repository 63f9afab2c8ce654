package io.moments.models.face;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.moments.models.DjlDefaults;
import io.moments.models.Label;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Finds faces in JPEG frames and scores their expressions, with face-api's tiny face detector and
 * expression net ported to DJL blocks on the PyTorch engine (weights: {@code @vladmandic/face-api}
 * 1.7.15, MIT, bundled as resources; no network).
 *
 * <p>Pipeline per image: decode ({@link FaceImage#decodeJpeg}) → pad to a square at the top-left,
 * resize to 416 → detector → boxes (score &gt; 0.5, NMS IoU 0.4) → crop each box, pad to a centred
 * square, resize to 112 → expression net (batched over all crops) → 7 probabilities → labels by
 * {@link ExpressionLabelMap}.
 *
 * <p>Thread safety: one instance may be shared by many threads. The weights are loaded once per
 * instance; each calling thread gets its own pair of DJL {@link Predictor}s (they are not thread
 * safe), created on first use and closed by {@link #close()}. In a Flink job, create one analyzer
 * per task slot (in {@code open}) and close it in {@code close}.
 *
 * <p>Errors: bad input raises the checked {@link InvalidImageException} (turn it into a
 * {@code bad_media} dead letter); a failure inside the engine raises the unchecked
 * {@link IllegalStateException} (a bug or an environment problem, not bad data).
 */
public final class FaceAnalyzer implements AutoCloseable {

    /**
     * Tuning knobs.
     *
     * @param inputSize        detector input side, a multiple of 32 (face-api default 416)
     * @param scoreThreshold   detector score a box must exceed (face-api default 0.5)
     * @param iouThreshold     NMS overlap above which the weaker box is dropped (face-api: 0.4)
     * @param maxFaces         most faces reported per image (highest scores first)
     * @param maxPixels        larger images are refused as {@code BAD_DIMENSIONS}
     * @param detectorBatch    images per detector forward pass
     * @param expressionBatch  face crops per expression-net forward pass
     */
    public record Settings(int inputSize, double scoreThreshold, double iouThreshold, int maxFaces, long maxPixels,
                           int detectorBatch, int expressionBatch) {
        public Settings {
            if (inputSize < 32 || inputSize % 32 != 0) {
                throw new IllegalArgumentException("inputSize must be a positive multiple of 32: " + inputSize);
            }
            if (!(scoreThreshold > 0 && scoreThreshold < 1) || !(iouThreshold > 0 && iouThreshold <= 1)) {
                throw new IllegalArgumentException("thresholds must be in (0, 1)");
            }
            if (maxFaces < 1 || maxPixels < 1 || detectorBatch < 1 || expressionBatch < 1) {
                throw new IllegalArgumentException("maxFaces, maxPixels and batch sizes must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(416, 0.5, 0.4, 20, FaceImage.DEFAULT_MAX_PIXELS, 4, 32);
        }
    }

    private final Settings settings;
    private final Model detectorModel;
    private final Model expressionModel;
    private final long detectorParameters;
    private final long expressionParameters;
    private final ThreadLocal<Runner> runners = new ThreadLocal<>();
    private final Queue<Runner> allRunners = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public FaceAnalyzer() {
        this(Settings.defaults());
    }

    public FaceAnalyzer(Settings settings) {
        DjlDefaults.apply();
        this.settings = settings;
        TfjsWeights detectorWeights = TfjsWeights.fromResources(TinyFaceDetectorNet.MANIFEST);
        TfjsWeights expressionWeights = TfjsWeights.fromResources(FaceExpressionNet.MANIFEST);
        Model det = Model.newInstance("tiny_face_detector", "PyTorch");
        Model expr = null;
        try {
            TinyFaceDetectorNet detector = new TinyFaceDetectorNet(detectorWeights, det.getNDManager());
            det.setBlock(detector);
            expr = Model.newInstance("face_expression", "PyTorch");
            FaceExpressionNet expression = new FaceExpressionNet(expressionWeights, expr.getNDManager());
            expr.setBlock(expression);
            this.detectorParameters = detector.parameterCount();
            this.expressionParameters = expression.parameterCount();
        } catch (RuntimeException e) {
            det.close();
            if (expr != null) {
                expr.close();
            }
            throw e;
        }
        this.detectorModel = det;
        this.expressionModel = expr;
    }

    public Settings settings() {
        return settings;
    }

    /** Scalar parameters of the ported detector (as loaded into the DJL block). */
    public long detectorParameterCount() {
        return detectorParameters;
    }

    /** Scalar parameters of the ported expression net (as loaded into the DJL block). */
    public long expressionParameterCount() {
        return expressionParameters;
    }

    /**
     * Faces in one JPEG, strongest first; empty when there is none.
     *
     * @throws InvalidImageException not a JPEG, corrupt, or too large (checked: dead-letter it)
     */
    public List<FaceResult> analyze(byte[] jpeg) throws InvalidImageException {
        return analyzeImages(List.of(FaceImage.decodeJpeg(jpeg, settings.maxPixels()))).get(0);
    }

    /** Faces in one decoded image. */
    public List<FaceResult> analyze(FaceImage image) {
        return analyzeImages(List.of(image)).get(0);
    }

    /**
     * Faces in each of several JPEGs (same order). The detector runs in batches of
     * {@code detectorBatch} images and the expression net once per {@code expressionBatch} crops
     * across all images. All inputs are decoded first: one bad input fails the whole call with
     * {@link InvalidImageException#index()} naming it. To keep the good ones, decode each with
     * {@link FaceImage#decodeJpeg} yourself and call {@link #analyzeImages}.
     */
    public List<List<FaceResult>> analyzeAll(List<byte[]> jpegs) throws InvalidImageException {
        List<FaceImage> images = new ArrayList<>(jpegs.size());
        for (int i = 0; i < jpegs.size(); i++) {
            try {
                images.add(FaceImage.decodeJpeg(jpegs.get(i), settings.maxPixels()));
            } catch (InvalidImageException e) {
                throw e.atIndex(i);
            }
        }
        return analyzeImages(images);
    }

    /** Faces in each of several decoded images (same order); cannot fail on input. */
    public List<List<FaceResult>> analyzeImages(List<FaceImage> images) {
        Runner runner = runner();
        List<List<FaceResult.Box>> boxes = new ArrayList<>(images.size());
        List<List<Double>> scores = new ArrayList<>(images.size());
        detect(runner, images, boxes, scores);

        List<FaceImage> cropImages = new ArrayList<>();
        List<FaceResult.Box> cropBoxes = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (FaceResult.Box b : boxes.get(i)) {
                cropImages.add(images.get(i));
                cropBoxes.add(b);
            }
        }
        float[][] probabilities = expressions(runner, cropImages, cropBoxes);

        List<List<FaceResult>> results = new ArrayList<>(images.size());
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            List<FaceResult> faces = new ArrayList<>(boxes.get(i).size());
            for (int j = 0; j < boxes.get(i).size(); j++, k++) {
                FaceResult.Box box = boxes.get(i).get(j);
                float[] p = probabilities[k];
                Map<Expression, Double> byName = new EnumMap<>(Expression.class);
                for (int e = 0; e < p.length; e++) {
                    byName.put(Expression.ofIndex(e), (double) p[e]);
                }
                double score = scores.get(i).get(j);
                Map<Label, Double> labels = ExpressionLabelMap.labels(p);
                double confidence = ExpressionLabelMap.confidence(score, p, box.width(), box.height());
                faces.add(new FaceResult(box, score, byName, labels, confidence));
            }
            results.add(faces);
        }
        return results;
    }

    /**
     * Runs only the expression net on given boxes (no detection): one probability vector per box,
     * in {@link Expression} order. Boxes must lie inside their images.
     */
    public float[][] expressions(List<FaceImage> images, List<FaceResult.Box> boxes) {
        if (images.size() != boxes.size()) {
            throw new IllegalArgumentException("one image per box: " + images.size() + " images, " + boxes.size() + " boxes");
        }
        for (int i = 0; i < boxes.size(); i++) {
            FaceResult.Box b = boxes.get(i);
            FaceImage img = images.get(i);
            if (b.x() < 0 || b.y() < 0 || b.width() < 1 || b.height() < 1
                    || b.x() + b.width() > img.width() || b.y() + b.height() > img.height()) {
                throw new IllegalArgumentException("box " + b + " is not inside its " + img.width() + "x" + img.height()
                        + " image");
            }
        }
        return expressions(runner(), images, boxes);
    }

    /** The expression net alone on {@code n} prepared inputs (for benchmarks). */
    float[] runExpressionNet(float[] input, int n) {
        Runner r = runner();
        int side = FaceExpressionNet.INPUT_SIZE;
        return r.run(r.expression, input, new Shape(n, 3, side, side));
    }

    /** The detector alone on {@code n} prepared inputs (for benchmarks). */
    float[] runDetector(float[] input, int n) {
        Runner r = runner();
        return r.run(r.detector, input, new Shape(n, 3, settings.inputSize(), settings.inputSize()));
    }

    /** The detector's raw decoded boxes for one image, relative to its size (for tests and cross-checks). */
    List<TinyYoloDecoder.Detection> detectRelative(FaceImage image) {
        int size = settings.inputSize();
        float[] input = new float[3 * size * size];
        Preprocess.detectorInput(image, size, input, 0);
        Runner runner = runner();
        float[] out = runner.run(runner.detector, input, new Shape(1, 3, size, size));
        return TinyYoloDecoder.decode(out, 0, TinyFaceDetectorNet.gridSize(size), size, image.width(), image.height(),
                settings.scoreThreshold(), settings.iouThreshold());
    }

    private void detect(Runner runner, List<FaceImage> images, List<List<FaceResult.Box>> boxesOut,
                        List<List<Double>> scoresOut) {
        int size = settings.inputSize();
        int grid = TinyFaceDetectorNet.gridSize(size);
        int inStride = 3 * size * size;
        int outStride = TinyFaceDetectorNet.ANCHORS.length * TinyFaceDetectorNet.BOX_ENCODING * grid * grid;
        for (int start = 0; start < images.size(); start += settings.detectorBatch()) {
            int n = Math.min(settings.detectorBatch(), images.size() - start);
            float[] input = new float[n * inStride];
            for (int i = 0; i < n; i++) {
                Preprocess.detectorInput(images.get(start + i), size, input, i * inStride);
            }
            float[] out = runner.run(runner.detector, input, new Shape(n, 3, size, size));
            for (int i = 0; i < n; i++) {
                FaceImage img = images.get(start + i);
                List<TinyYoloDecoder.Detection> dets = TinyYoloDecoder.decode(out, i * outStride, grid, size,
                        img.width(), img.height(), settings.scoreThreshold(), settings.iouThreshold());
                List<FaceResult.Box> boxes = new ArrayList<>();
                List<Double> scores = new ArrayList<>();
                for (TinyYoloDecoder.Detection d : dets) {
                    if (boxes.size() == settings.maxFaces()) {
                        break;
                    }
                    FaceResult.Box box = toPixels(d, img.width(), img.height());
                    if (box != null) {
                        boxes.add(box);
                        scores.add(d.score());
                    }
                }
                boxesOut.add(boxes);
                scoresOut.add(scores);
            }
        }
    }

    /** Relative box → pixels, clipped to the image and floored (face-api's {@code clipAtImageBorders}). */
    static FaceResult.Box toPixels(TinyYoloDecoder.Detection d, int imageW, int imageH) {
        double x = d.x() * imageW;
        double y = d.y() * imageH;
        double right = x + d.width() * imageW;
        double bottom = y + d.height() * imageH;
        double cx = Math.max(x, 0);
        double cy = Math.max(y, 0);
        double cw = Math.min(right - cx, imageW - cx);
        double ch = Math.min(bottom - cy, imageH - cy);
        int bx = (int) Math.floor(cx);
        int by = (int) Math.floor(cy);
        int bw = (int) Math.floor(cw);
        int bh = (int) Math.floor(ch);
        if (bw <= 0 || bh <= 0) {
            return null;
        }
        return new FaceResult.Box(bx, by, Math.min(bw, imageW - bx), Math.min(bh, imageH - by));
    }

    private float[][] expressions(Runner runner, List<FaceImage> images, List<FaceResult.Box> boxes) {
        int side = FaceExpressionNet.INPUT_SIZE;
        int inStride = 3 * side * side;
        int classes = Expression.count();
        float[][] result = new float[boxes.size()][];
        for (int start = 0; start < boxes.size(); start += settings.expressionBatch()) {
            int n = Math.min(settings.expressionBatch(), boxes.size() - start);
            float[] input = new float[n * inStride];
            for (int i = 0; i < n; i++) {
                Preprocess.expressionInput(images.get(start + i), boxes.get(start + i), input, i * inStride);
            }
            float[] out = runner.run(runner.expression, input, new Shape(n, 3, side, side));
            for (int i = 0; i < n; i++) {
                float[] p = new float[classes];
                System.arraycopy(out, i * classes, p, 0, classes);
                result[start + i] = p;
            }
        }
        return result;
    }

    private Runner runner() {
        if (closed) {
            throw new IllegalStateException("FaceAnalyzer is closed");
        }
        Runner r = runners.get();
        if (r == null) {
            r = new Runner(detectorModel.newPredictor(new ArrayTranslator()),
                    expressionModel.newPredictor(new ArrayTranslator()));
            runners.set(r);
            allRunners.add(r);
        }
        return r;
    }

    /** Closes every thread's predictors and both models. Do not call while other threads still analyse. */
    @Override
    public void close() {
        closed = true;
        Runner r;
        while ((r = allRunners.poll()) != null) {
            r.detector.close();
            r.expression.close();
        }
        runners.remove();
        detectorModel.close();
        expressionModel.close();
    }

    /** A float tensor handed to a predictor. */
    record Tensor(float[] data, Shape shape) {
    }

    private record Runner(Predictor<Tensor, float[]> detector, Predictor<Tensor, float[]> expression) {
        float[] run(Predictor<Tensor, float[]> predictor, float[] data, Shape shape) {
            try {
                return predictor.predict(new Tensor(data, shape));
            } catch (TranslateException e) {
                throw new IllegalStateException("face inference failed", e);
            }
        }
    }

    /** Float array in, the block's single output flattened out; batching is done by the caller. */
    private static final class ArrayTranslator implements NoBatchifyTranslator<Tensor, float[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, Tensor input) {
            return new NDList(ctx.getNDManager().create(input.data(), input.shape()));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }
    }
}
