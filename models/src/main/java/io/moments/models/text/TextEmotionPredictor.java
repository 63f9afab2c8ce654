package io.moments.models.text;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores texts with one encoder predictor and one head predictor. Not thread-safe: create one per
 * thread with {@link TextEmotionModel#newPredictor()} and close it.
 */
public final class TextEmotionPredictor implements AutoCloseable {

    private final Predictor<String[], float[][]> encoder;
    private final Predictor<float[][], float[][]> head;
    private final TextEmotionModel.Batching batching;

    TextEmotionPredictor(Predictor<String[], float[][]> encoder, Predictor<float[][], float[][]> head,
            TextEmotionModel.Batching batching) {
        this.encoder = encoder;
        this.head = head;
        this.batching = batching;
    }

    /**
     * Scores texts in order, in batches of at most {@link TextEmotionModel#MAX_BATCH} (the encoder
     * runs them as the model's {@link TextEmotionModel.Batching} says). Texts longer
     * than {@link TextEncoder#MAX_TOKENS} tokens are truncated. Callers validate input (non-null;
     * the scoring CLI also rejects empty and over-long texts).
     *
     * @throws IllegalStateException if inference fails
     */
    public List<TextScores> score(List<String> texts) {
        List<TextScores> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += TextEmotionModel.MAX_BATCH) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + TextEmotionModel.MAX_BATCH));
            for (float[] p : probabilities(embed(chunk))) {
                out.add(TextScores.of(p, TextEmotionModel.DOMINANT_THRESHOLD));
            }
        }
        return out;
    }

    /** Scores one text. */
    public TextScores score(String text) {
        return score(List.of(text)).get(0);
    }

    /** Encoder vectors (unit length, 384-d) for one batch of texts. */
    float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        String[] batch = texts.toArray(new String[0]);
        for (String text : batch) {
            Objects.requireNonNull(text, "text");
        }
        try {
            if (batching == TextEmotionModel.Batching.PADDED) {
                return encoder.predict(batch);
            }
            float[][] out = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                out[i] = encoder.predict(new String[] {batch[i]})[0];
            }
            return out;
        } catch (TranslateException e) {
            throw new IllegalStateException("text encoder failed", e);
        }
    }

    /** Head probabilities (7 per vector). */
    float[][] probabilities(float[][] vectors) {
        if (vectors.length == 0) {
            return new float[0][];
        }
        try {
            return head.predict(vectors);
        } catch (TranslateException e) {
            throw new IllegalStateException("text head failed", e);
        }
    }

    @Override
    public void close() {
        head.close();
        encoder.close();
    }
}
