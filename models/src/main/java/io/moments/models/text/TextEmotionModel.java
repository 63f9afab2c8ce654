package io.moments.models.text;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import java.util.List;

/**
 * The text emotion model: {@link TextEncoder} (bge-small, ONNX Runtime) followed by the trained
 * {@link TextHead} (PyTorch), scoring a text into the 6 labels plus neutral.
 *
 * <p>Usage (e.g. in a Flink function: load in {@code open}, close in {@code close}):
 *
 * <pre>{@code
 * try (TextEmotionModel model = TextEmotionModel.load();
 *      TextEmotionPredictor predictor = model.newPredictor()) {
 *     List<TextScores> scores = predictor.score(List.of("is this site legit?", "love it!"));
 * }
 * }</pre>
 *
 * <p>The model is loaded once and is safe to share; predictors are not thread-safe (one per thread).
 * Loading sets {@code ai.djl.offline=true} and one PyTorch thread unless the caller set them.
 */
public final class TextEmotionModel implements AutoCloseable {

    /**
     * A label is {@link TextScores#dominant() dominant} only when it is the top class with at least
     * this probability; otherwise the text is {@code neutral} (not confidently emotional).
     */
    public static final double DOMINANT_THRESHOLD = 0.5;

    /** Largest batch sent to the encoder at once; longer lists are split. */
    public static final int MAX_BATCH = 32;

    /** How the encoder runs the texts of one {@link TextEmotionPredictor#score(List)} call. */
    public enum Batching {
        /**
         * One encoder call per text (the head still runs once per batch). A text's scores never depend
         * on the other texts of the call, so replays give identical results. The default.
         */
        PER_TEXT,
        /**
         * Texts padded into one encoder call per batch: ~25% more short texts per second on one core,
         * but the int8 encoder quantises activations with one range per call, so a text's scores shift
         * slightly with its batch neighbours (see MODEL_CARD.md).
         */
        PADDED
    }

    private final TextEncoder encoder;
    private final Model head;
    private final Batching batching;

    TextEmotionModel(TextEncoder encoder, Model head, Batching batching) {
        this.encoder = encoder;
        this.head = head;
        this.batching = batching;
    }

    /** Loads encoder and bundled head with one ONNX Runtime thread, {@link Batching#PER_TEXT}. */
    public static TextEmotionModel load() {
        return load(1, Batching.PER_TEXT);
    }

    /**
     * Loads encoder and bundled head.
     *
     * @param threads ONNX Runtime intra-op threads (1 when every core already runs a slot)
     * @param batching how the encoder runs a batch of texts
     */
    public static TextEmotionModel load(int threads, Batching batching) {
        TextEncoder encoder = TextEncoder.load(threads);
        try {
            return new TextEmotionModel(encoder, TextHead.loadBundled(), batching);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** A new predictor for the calling thread. Not thread-safe; close it. */
    public TextEmotionPredictor newPredictor() {
        return newPredictor(batching);
    }

    TextEmotionPredictor newPredictor(Batching mode) {
        Predictor<String[], float[][]> encoderPredictor = encoder.newPredictor();
        return new TextEmotionPredictor(encoderPredictor, newHeadPredictor(), mode);
    }

    /** How this model's predictors run the encoder. */
    public Batching batching() {
        return batching;
    }

    /** The encoder, e.g. for embedding texts directly. */
    public TextEncoder encoder() {
        return encoder;
    }

    /** A model property saved with the head by {@link TrainTextHead} (e.g. {@code dataSha256}, {@code temperature}), or null. */
    public String headProperty(String key) {
        return head.getProperty(key);
    }

    /** The softmax temperature the head was calibrated with on the validation split. */
    public double temperature() {
        return TextHead.temperature(head);
    }

    Predictor<float[][], float[][]> newHeadPredictor() {
        return head.newPredictor(new TextHead.ProbabilityTranslator(temperature()));
    }

    @Override
    public void close() {
        head.close();
        encoder.close();
    }
}
