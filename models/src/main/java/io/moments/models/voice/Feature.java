package io.moments.models.voice;

/**
 * The prosody features the voice model reads, in model input order, each with the population priors that
 * {@link VoiceBaseline} uses to normalise it: the population mean, the spread of speakers' own means around it
 * ({@code betweenSd}) and the typical chunk-to-chunk spread within one speaker ({@code withinSd}).
 *
 * <p>The priors are round numbers for adult conversational speech from the general phonetics literature
 * (F0 around 100–130 Hz for men and 190–220 Hz for women, pooled about 160 Hz = 8 semitones re 100 Hz with a
 * wide between-speaker spread; 4–5 syllables per second of speech; silent pauses of 250 ms and more in
 * roughly a tenth of speaking time). They are judgement, not fitted to a data set; the level of
 * {@link #ENERGY_DB} depends on microphone and gain, hence its large between-speaker spread. Features that
 * mostly identify the speaker or the microphone (pitch level, loudness) have a large between-speaker spread,
 * so a session's own history takes over after one or two chunks; features that reflect the moment more than
 * the speaker (pauses) have a small one, so the population keeps more weight.
 */
public enum Feature {
    /** Share of counted silent pauses (250 ms..3 s) in pause + speech time. */
    PAUSE_RATIO("pause_ratio", 0.10, 0.06, 0.10),
    /** Mean length of counted pauses, 0 when there is none. */
    MEAN_PAUSE_MS("mean_pause_ms", 250, 150, 300),
    /** Syllable nuclei per second of speech (articulation-rate proxy). */
    SYLLABLE_RATE("syllable_rate", 4.5, 0.7, 0.7),
    /** Speech level: power mean over speech frames, dB re full scale RMS. */
    ENERGY_DB("energy_db", -26, 8, 2.5),
    /** Spread of frame levels (dB) over active speech frames. */
    ENERGY_SD_DB("energy_sd_db", 7, 1.5, 1.5),
    /** Level trend over voiced frames (dB per second; negative = fading). */
    ENERGY_SLOPE_DB_PER_S("energy_slope_db_per_s", -2, 2, 8),
    /** Median F0 in semitones re 100 Hz. */
    PITCH_ST("pitch_st", 8, 5, 1.2),
    /** Spread of F0 (semitones) over voiced frames. */
    PITCH_SD_ST("pitch_sd_st", 2.5, 0.8, 0.8);

    public static final int COUNT = values().length;

    private final String wireName;
    private final double populationMean;
    private final double betweenSd;
    private final double withinSd;

    Feature(String wireName, double populationMean, double betweenSd, double withinSd) {
        this.wireName = wireName;
        this.populationMean = populationMean;
        this.betweenSd = betweenSd;
        this.withinSd = withinSd;
    }

    public String wireName() {
        return wireName;
    }

    /** Prior mean of the feature over speakers. */
    public double populationMean() {
        return populationMean;
    }

    /** Prior spread of speakers' own means around {@link #populationMean()}. */
    public double betweenSd() {
        return betweenSd;
    }

    /** Prior chunk-to-chunk spread within one speaker. */
    public double withinSd() {
        return withinSd;
    }

    /** Spread over chunks of unknown speakers: what a new session is normalised by. */
    public double populationSd() {
        return Math.sqrt(betweenSd * betweenSd + withinSd * withinSd);
    }
}
