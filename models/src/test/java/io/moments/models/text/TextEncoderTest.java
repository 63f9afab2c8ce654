package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
        }
        return d;
    }

    @Test
    void producesUnitNormVectorsOf384Dimensions() {
        try (TextEmotionPredictor predictor = SharedTextModel.get().newPredictor()) {
            float[][] vectors = predictor.embed(List.of("where is my order", "ok", "x".repeat(3000)));
            assertThat(vectors).hasNumberOfRows(3);
            for (float[] v : vectors) {
                assertThat(v).hasSize(TextEncoder.DIMENSION);
                assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-4));
            }
        }
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        try (TextEmotionPredictor predictor = SharedTextModel.get().newPredictor()) {
            float[][] v = predictor.embed(List.of(
                    "My parcel still hasn't arrived and it's been two weeks.",
                    "The package I ordered is late, it never showed up.",
                    "This lipstick shade looks gorgeous on me.",
                    "Is it safe to enter my credit card details here?",
                    "Can I trust this website with my payment information?"));
            assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.05);
            assertThat(dot(v[3], v[4])).isGreaterThan(dot(v[3], v[2]) + 0.05);
            assertThat(dot(v[3], v[4])).isGreaterThan(dot(v[3], v[0]));
        }
    }

    @Test
    void perTextEncodingIsIndependentOfTheBatchAndPaddedEncodingNearlySo() {
        List<String> texts = List.of("where is my order", "this is way too expensive for what it is",
                "I love it, thank you so much!", "why does the checkout keep failing");
        try (TextEmotionPredictor perText = SharedTextModel.get().newPredictor(TextEmotionModel.Batching.PER_TEXT);
                TextEmotionPredictor padded = SharedTextModel.get().newPredictor(TextEmotionModel.Batching.PADDED)) {
            float[][] batch = perText.embed(texts);
            float[][] paddedBatch = padded.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = perText.embed(List.of(texts.get(i)))[0];
                assertThat(batch[i]).containsExactly(alone);
                // int8 dynamic quantisation uses one range per call: neighbours shift a vector slightly
                assertThat(dot(paddedBatch[i], alone)).isGreaterThan(0.98);
            }
        }
    }
}
