package io.moments.models.voice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw prosody of one chunk. Feature values are NaN when the chunk has too little speech to measure them
 * (see {@link ProsodyExtractor}); counts and durations are always set.
 *
 * @param durationMs        length of the chunk
 * @param speechMs          total length of the VAD speech segments (padded as Silero pads them)
 * @param pauseCount        silent pauses of 250 ms..3 s, including one that started in the previous chunk
 * @param syllables         syllable nuclei found (intensity peaks, voiced, 2 dB dips between them)
 * @param voicedFrames      10 ms frames with a YIN pitch
 * @param pitchHz           median F0 in Hz (NaN if fewer than 5 voiced frames)
 * @param trailingSilenceMs silence after the last speech in the chunk (carried into the session baseline)
 */
public record ProsodyFeatures(
        long durationMs, long speechMs, int pauseCount, int syllables, int voicedFrames, double pitchHz,
        long trailingSilenceMs,
        double pauseRatio, double meanPauseMs, double syllableRate, double energyDb, double energySdDb,
        double energySlopeDbPerS, double pitchSt, double pitchSdSt) {

    public double get(Feature f) {
        return switch (f) {
            case PAUSE_RATIO -> pauseRatio;
            case MEAN_PAUSE_MS -> meanPauseMs;
            case SYLLABLE_RATE -> syllableRate;
            case ENERGY_DB -> energyDb;
            case ENERGY_SD_DB -> energySdDb;
            case ENERGY_SLOPE_DB_PER_S -> energySlopeDbPerS;
            case PITCH_ST -> pitchSt;
            case PITCH_SD_ST -> pitchSdSt;
        };
    }

    /** The feature values in {@link Feature} order (NaN = not measured). */
    public double[] vector() {
        double[] v = new double[Feature.COUNT];
        for (Feature f : Feature.values()) {
            v[f.ordinal()] = get(f);
        }
        return v;
    }

    /** Feature wire name → value, measured features only, in {@link Feature} order. */
    public Map<String, Double> measured() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            double v = get(f);
            if (!Double.isNaN(v)) {
                m.put(f.wireName(), v);
            }
        }
        return m;
    }
}
