package io.moments.models.voice;

import java.util.List;
import java.util.Map;

/**
 * What one audio chunk says about the speaker, derived numbers only (no audio): {@link VoiceAnalyzer#analyze},
 * that is the {@link VoiceScore} of step 2 with the speech segments of step 1.
 *
 * @param durationMs      length of the chunk
 * @param segments        speech found by Silero VAD, ms from the chunk start
 * @param features        raw prosody of the chunk (NaN where not measurable)
 * @param normalised      session z-scores of the measured features (wire name → z, clipped to ±3)
 * @param scores          the prosody model's outputs: {@code hesitation} and {@code arousal} (0..1); empty
 *                        when the chunk has less than {@link VoiceAnalyzer#MIN_SPEECH_MS_FOR_LABELS} ms of speech
 * @param labels          label wire name → 0..1 for the labels voice supports ({@code hesitation}, and
 *                        {@code frustration} = arousal); empty when {@code scores} is
 * @param labelConfidence label wire name → 0..1; frustration gets half the confidence of hesitation because
 *                        prosody cannot tell negative from positive arousal
 * @param confidence      0..1: grows with the amount of speech (full at 2 s), the share of features that could be
 *                        measured and the session's history (half weight for a new session); 0 without speech
 * @param baseline        the session baseline after this chunk: keep it for the session's next chunk
 */
public record VoiceResult(
        long durationMs,
        List<SpeechSegment> segments,
        ProsodyFeatures features,
        Map<String, Double> normalised,
        Map<String, Double> scores,
        Map<String, Double> labels,
        Map<String, Double> labelConfidence,
        double confidence,
        VoiceBaseline baseline) {

    public VoiceResult {
        segments = List.copyOf(segments);
        normalised = ordered(normalised);
        scores = ordered(scores);
        labels = ordered(labels);
        labelConfidence = ordered(labelConfidence);
    }

    /** Both steps' answer for one chunk: the VAD's segments and step 2's {@link VoiceScore}. */
    static VoiceResult of(List<SpeechSegment> segments, VoiceScore s) {
        return new VoiceResult(s.features().durationMs(), segments, s.features(), s.normalised(), s.scores(),
                s.labels(), s.labelConfidence(), s.confidence(), s.baseline());
    }

    private static Map<String, Double> ordered(Map<String, Double> m) {
        return VoiceScore.ordered(m);
    }

    /** Total speech in the chunk. */
    public long speechMs() {
        return features.speechMs();
    }
}
