package io.moments.models.voice;

import java.util.Arrays;

/**
 * How this session's voice has sounded so far: a running mean and variance per {@link Feature}, plus the
 * silence carried over from the end of the last chunk. Immutable and small (3 × 8 doubles + 2 longs). Holds
 * derived numbers only, never audio. Its arrays are in {@link Feature} order, so a store that must outlive a
 * change of features (the job's keyed state) keeps it by feature name instead: {@link #stats} and
 * {@link #of}.
 *
 * <p><b>Update.</b> Each measured feature updates its own Welford mean/variance. The effective count is capped
 * at {@link #MAX_COUNT}; after that every chunk weighs 1/{@value #MAX_COUNT} (an exponential forgetting window
 * of about that many chunks) so the baseline follows slow drift (a new microphone gain, a warmer voice).
 *
 * <p><b>Normalisation</b> uses the predictive distribution of a normal–normal model: the speaker's true mean
 * has the prior N(population mean, betweenSd²), each chunk scatters around it with the within-speaker
 * variance σ_w², estimated as (n·session variance + k·withinSd²)/(n + k) with k = {@value #WITHIN_PRIOR_CHUNKS}
 * pseudo-chunks. After n chunks the speaker mean is estimated as
 * μ = (μ_pop/σ_b² + n·mean/σ_w²) / (1/σ_b² + n/σ_w²) with variance v = 1 / (1/σ_b² + n/σ_w²), and a feature
 * value x becomes z = (x − μ) / √(σ_w² + v), clipped to ±{@value #Z_CLIP}. A new session (n = 0) is thus
 * normalised by the population (mean and between + within spread); the session's own history takes over as
 * chunks arrive: after one chunk for pitch and loudness, more slowly for pauses (see {@link Feature}). Each
 * chunk is normalised against the baseline <em>before</em> it is added, so a change in how the person speaks
 * shows up as a deviation.
 *
 * @param chunks           chunks analysed (with or without speech)
 * @param count            per feature: effective number of chunks in the running statistics (&le; MAX_COUNT)
 * @param mean             per feature: running mean
 * @param variance         per feature: running (population) variance
 * @param carriedSilenceMs silence since the session's last speech at the end of the last chunk; -1 before
 *                         any speech
 */
public record VoiceBaseline(long chunks, double[] count, double[] mean, double[] variance, long carriedSilenceMs) {

    /** Cap of the effective per-feature count (forgetting window, in chunks with speech). */
    public static final double MAX_COUNT = 30;
    public static final double Z_CLIP = 3;
    /** Weight, in chunks, of the prior within-speaker spread. */
    public static final double WITHIN_PRIOR_CHUNKS = 3;

    public VoiceBaseline {
        if (count.length != Feature.COUNT || mean.length != Feature.COUNT || variance.length != Feature.COUNT) {
            throw new IllegalArgumentException("baseline arrays must have " + Feature.COUNT + " entries");
        }
        count = count.clone();
        mean = mean.clone();
        variance = variance.clone();
    }

    /** One feature's running statistics: effective chunk count, mean and (population) variance. */
    public record Stats(double count, double mean, double variance) {
    }

    /**
     * A baseline from per-feature statistics, for a caller that keeps them in its own form (the job's keyed
     * state keeps them by feature name, not in these arrays' {@link Feature} order); a feature for which
     * {@code stats} returns null starts with none.
     */
    public static VoiceBaseline of(long chunks, java.util.function.Function<Feature, Stats> stats,
                                   long carriedSilenceMs) {
        double[] n = new double[Feature.COUNT];
        double[] m = new double[Feature.COUNT];
        double[] v = new double[Feature.COUNT];
        for (Feature f : Feature.values()) {
            Stats s = stats.apply(f);
            if (s != null) {
                n[f.ordinal()] = s.count();
                m[f.ordinal()] = s.mean();
                v[f.ordinal()] = s.variance();
            }
        }
        return new VoiceBaseline(chunks, n, m, v, carriedSilenceMs);
    }

    /** {@code f}'s running statistics. */
    public Stats stats(Feature f) {
        int i = f.ordinal();
        return new Stats(count[i], mean[i], variance[i]);
    }

    /** A new session: no history, normalised by the population priors. */
    public static VoiceBaseline empty() {
        return new VoiceBaseline(0, new double[Feature.COUNT], new double[Feature.COUNT], new double[Feature.COUNT], -1);
    }

    @Override
    public double[] count() {
        return count.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    /** Effective number of session chunks behind {@code f}'s statistics. */
    public double count(Feature f) {
        return count[f.ordinal()];
    }

    /** Within-speaker variance: the session's, shrunk towards the prior {@link Feature#withinSd()}. */
    double withinVariance(Feature f) {
        int i = f.ordinal();
        double w0 = f.withinSd() * f.withinSd();
        return (count[i] * variance[i] + WITHIN_PRIOR_CHUNKS * w0) / (count[i] + WITHIN_PRIOR_CHUNKS);
    }

    /** Estimated mean of this speaker for {@code f} (the population mean for a new session). */
    public double referenceMean(Feature f) {
        int i = f.ordinal();
        double precisionPrior = 1 / (f.betweenSd() * f.betweenSd());
        double precisionData = count[i] / withinVariance(f);
        return (precisionPrior * f.populationMean() + precisionData * mean[i]) / (precisionPrior + precisionData);
    }

    /** Expected spread of this speaker's next chunk for {@code f} (the population spread for a new session). */
    public double referenceSd(Feature f) {
        int i = f.ordinal();
        double precisionPrior = 1 / (f.betweenSd() * f.betweenSd());
        double precisionData = count[i] / withinVariance(f);
        return Math.sqrt(withinVariance(f) + 1 / (precisionPrior + precisionData));
    }

    /** z-score of {@code value} for {@code f}, clipped to ±Z_CLIP; NaN stays NaN (not measured). */
    public double normalise(Feature f, double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        double z = (value - referenceMean(f)) / referenceSd(f);
        return Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
    }

    /** z-scores of a chunk's features in {@link Feature} order (NaN where not measured). */
    public double[] normalise(ProsodyFeatures features) {
        double[] z = new double[Feature.COUNT];
        for (Feature f : Feature.values()) {
            z[f.ordinal()] = normalise(f, features.get(f));
        }
        return z;
    }

    /** The baseline after this chunk: measured features update their statistics; silence carries over. */
    public VoiceBaseline update(ProsodyFeatures features) {
        double[] n = count.clone();
        double[] m = mean.clone();
        double[] v = variance.clone();
        for (Feature f : Feature.values()) {
            double x = features.get(f);
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                continue;
            }
            int i = f.ordinal();
            double nn = Math.min(n[i] + 1, MAX_COUNT);
            double delta = x - m[i];
            double newMean = m[i] + delta / nn;
            v[i] = v[i] + (delta * (x - newMean) - v[i]) / nn;
            m[i] = newMean;
            n[i] = nn;
        }
        return new VoiceBaseline(chunks + 1, n, m, v, features.trailingSilenceMs());
    }

    /**
     * The same statistics without the carried silence: use it when the next chunk does not follow on
     * directly (a gap in event time, a dropped chunk), so that no pause is counted across the gap.
     */
    public VoiceBaseline withoutCarriedSilence() {
        return new VoiceBaseline(chunks, count, mean, variance, -1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VoiceBaseline b && chunks == b.chunks && carriedSilenceMs == b.carriedSilenceMs
                && Arrays.equals(count, b.count) && Arrays.equals(mean, b.mean) && Arrays.equals(variance, b.variance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Long.hashCode(chunks);
    }

    @Override
    public String toString() {
        return "VoiceBaseline[chunks=" + chunks + ", count=" + Arrays.toString(count) + ", mean="
                + Arrays.toString(mean) + ", variance=" + Arrays.toString(variance) + ", carriedSilenceMs="
                + carriedSilenceMs + "]";
    }
}
