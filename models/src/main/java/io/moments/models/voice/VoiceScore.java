package io.moments.models.voice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What step 2 ({@link VoiceAnalyzer#score}) makes of one chunk's {@link ProsodySample} in its session: derived
 * numbers only.
 *
 * @param features        the chunk's prosody, its pauses completed with the session's carried silence
 * @param normalised      session z-scores of the measured features (wire name → z, clipped to ±3)
 * @param scores          {@code hesitation} and {@code arousal} (0..1); empty when the chunk has less than
 *                        {@link VoiceAnalyzer#MIN_SPEECH_MS_FOR_LABELS} ms of speech
 * @param labels          label wire name → 0..1: {@code hesitation}, and {@code frustration} = arousal; empty
 *                        when {@code scores} is
 * @param labelConfidence label wire name → 0..1; frustration gets half the confidence of hesitation because
 *                        prosody cannot tell negative from positive arousal
 * @param confidence      0..1: grows with the amount of speech (full at 2 s), the share of features that could
 *                        be measured and the session's history (half weight for a new session); 0 without speech
 * @param baseline        the session baseline after this chunk: keep it for the session's next chunk
 */
public record VoiceScore(
        ProsodyFeatures features,
        Map<String, Double> normalised,
        Map<String, Double> scores,
        Map<String, Double> labels,
        Map<String, Double> labelConfidence,
        double confidence,
        VoiceBaseline baseline) {

    public VoiceScore {
        normalised = ordered(normalised);
        scores = ordered(scores);
        labels = ordered(labels);
        labelConfidence = ordered(labelConfidence);
    }

    static Map<String, Double> ordered(Map<String, Double> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
