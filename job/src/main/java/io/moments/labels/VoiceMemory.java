package io.moments.labels;

import io.moments.models.Signal;
import io.moments.models.voice.Feature;
import io.moments.models.voice.ProsodySample;
import io.moments.models.voice.VoiceBaseline;
import io.moments.models.voice.VoiceModel;

/**
 * How a session's voice has sounded so far (a Flink POJO in the session's keyed state): the voice model's
 * {@link VoiceBaseline} kept by feature name, never by position, so a feature added, removed or reordered in
 * the model restores from an older savepoint; and the silence carried to the next chunk. Numbers only: no
 * audio, no feature values of any single chunk. Null in a session that never sent a voice chunk.
 *
 * <p>{@link #score} is step 2 of the voice model ({@link VoiceModel#scoreInSession}) in the session stage: a
 * chunk's prosody, measured by the inference operator, normalised against this session's history rather
 * than the population's.
 *
 * <p>Chunks join on when the later one starts where the earlier ended: its {@code ts} is the earlier's
 * {@code ts} plus the earlier's length, within {@value #JOIN_TOLERANCE_MS} ms (the same holds for chunks
 * stamped at their end, if they are of equal length). Only then does the silence at the end of one chunk
 * carry into the next, so a pause split by the boundary counts once; after a gap, a dropped chunk or a chunk
 * out of order it does not, so no pause is counted across the gap.
 */
public class VoiceMemory {

    /** How far a chunk's start may be from the previous chunk's end and still join on. */
    public static final long JOIN_TOLERANCE_MS = 100;

    /** Chunks scored (with or without speech). */
    public long chunks;
    /** Silence since the session's last speech at the end of its last chunk; -1 before any speech. */
    public long carriedSilenceMs = -1;
    /** Event time and length of the session's last chunk scored. */
    public long lastChunkAt = Long.MIN_VALUE;
    public long lastChunkMs;

    public Stats pauseRatio = Stats.NONE;
    public Stats meanPauseMs = Stats.NONE;
    public Stats syllableRate = Stats.NONE;
    public Stats energyDb = Stats.NONE;
    public Stats energySdDb = Stats.NONE;
    public Stats energySlopeDbPerS = Stats.NONE;
    public Stats pitchSt = Stats.NONE;
    public Stats pitchSdSt = Stats.NONE;

    /**
     * One feature's running statistics: the effective number of chunks behind them, their mean and their
     * (population) variance.
     */
    public record Stats(double count, double mean, double variance) {
        public static final Stats NONE = new Stats(0, 0, 0);
    }

    public VoiceMemory() {}

    /**
     * Scores one chunk of this session against its history and adds the chunk to it.
     *
     * @param ts the chunk's event time
     * @return the chunk's voice signal: hesitation, and frustration (arousal) at half the confidence
     */
    public Signal score(ProsodySample sample, long ts) {
        VoiceModel.InSession scored = VoiceModel.scoreInSession(sample, baseline(ts));
        remember(scored.score().baseline(), ts, sample.durationMs());
        return scored.signal();
    }

    /** The session's baseline for a chunk at {@code ts}: with the carried silence only if the chunk joins on. */
    VoiceBaseline baseline(long ts) {
        boolean joins = lastChunkAt != Long.MIN_VALUE
                && Math.abs(ts - (lastChunkAt + lastChunkMs)) <= JOIN_TOLERANCE_MS;
        return VoiceBaseline.of(chunks, this::get, joins ? carriedSilenceMs : -1);
    }

    private void remember(VoiceBaseline next, long ts, long durationMs) {
        chunks = next.chunks();
        carriedSilenceMs = next.carriedSilenceMs();
        lastChunkAt = ts;
        lastChunkMs = durationMs;
        for (Feature f : Feature.values()) {
            VoiceBaseline.Stats s = next.stats(f);
            set(f, new Stats(s.count(), s.mean(), s.variance()));
        }
    }

    private VoiceBaseline.Stats get(Feature f) {
        Stats s = switch (f) {
            case PAUSE_RATIO -> pauseRatio;
            case MEAN_PAUSE_MS -> meanPauseMs;
            case SYLLABLE_RATE -> syllableRate;
            case ENERGY_DB -> energyDb;
            case ENERGY_SD_DB -> energySdDb;
            case ENERGY_SLOPE_DB_PER_S -> energySlopeDbPerS;
            case PITCH_ST -> pitchSt;
            case PITCH_SD_ST -> pitchSdSt;
        };
        // null: a feature added after the savepoint this state was restored from
        return s == null ? null : new VoiceBaseline.Stats(s.count(), s.mean(), s.variance());
    }

    private void set(Feature f, Stats s) {
        switch (f) {
            case PAUSE_RATIO -> pauseRatio = s;
            case MEAN_PAUSE_MS -> meanPauseMs = s;
            case SYLLABLE_RATE -> syllableRate = s;
            case ENERGY_DB -> energyDb = s;
            case ENERGY_SD_DB -> energySdDb = s;
            case ENERGY_SLOPE_DB_PER_S -> energySlopeDbPerS = s;
            case PITCH_ST -> pitchSt = s;
            case PITCH_SD_ST -> pitchSdSt = s;
        }
    }
}
