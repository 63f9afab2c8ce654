package io.moments.models.voice;

/**
 * How per-frame Silero speech probabilities become speech segments. The defaults are the ones of
 * Silero's own {@code get_speech_timestamps}: a frame (32 ms) starts speech at probability &ge;
 * {@code threshold}; speech ends once the probability stays below {@code negThreshold} for
 * {@code minSilenceMs}; segments shorter than {@code minSpeechMs} are dropped; each kept segment is
 * padded by {@code speechPadMs} on both sides (half the gap when two segments are closer than twice that).
 */
public record VadSettings(double threshold, double negThreshold, int minSpeechMs, int minSilenceMs, int speechPadMs) {

    public static final VadSettings DEFAULTS = new VadSettings(0.5, 0.35, 250, 100, 30);

    public VadSettings {
        if (!(threshold > 0 && threshold < 1) || !(negThreshold > 0 && negThreshold <= threshold)
                || minSpeechMs < 0 || minSilenceMs < 0 || speechPadMs < 0) {
            throw new IllegalArgumentException("bad VAD settings");
        }
    }
}
