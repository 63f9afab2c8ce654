package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiceBaselineTest {

    /** A chunk whose every feature has the value {@code v(feature)}. */
    private static ProsodyFeatures chunk(double pitchSt, double energyDb, double rate, long trailingMs) {
        return new ProsodyFeatures(1000, 900, 0, 5, 60, 100 * Math.pow(2, pitchSt / 12), trailingMs,
                0.05, 0, rate, energyDb, 6, -1, pitchSt, 2);
    }

    @Test
    void aNewSessionIsNormalisedByThePopulationPriors() {
        VoiceBaseline b = VoiceBaseline.empty();
        for (Feature f : Feature.values()) {
            assertThat(b.referenceMean(f)).isCloseTo(f.populationMean(), within(1e-9));
            assertThat(b.referenceSd(f)).isCloseTo(f.populationSd(), within(1e-12));
        }
        assertThat(b.normalise(Feature.PITCH_ST, 8 + Feature.PITCH_ST.populationSd())).isCloseTo(1.0, within(1e-9));
        assertThat(b.normalise(Feature.PITCH_ST, 100)).isEqualTo(VoiceBaseline.Z_CLIP);
        assertThat(b.normalise(Feature.PITCH_ST, Double.NaN)).isNaN();
        assertThat(b.carriedSilenceMs()).isEqualTo(-1);
    }

    @Test
    void runningStatisticsMatchDirectComputationBelowTheCap() {
        Random r = new Random(3);
        double[] xs = new double[20];
        VoiceBaseline b = VoiceBaseline.empty();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -2 + 4 * r.nextDouble();
            b = b.update(chunk(xs[i], -30, 4, 0));
        }
        double mean = java.util.Arrays.stream(xs).average().orElseThrow();
        double var = java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum() / xs.length;
        int i = Feature.PITCH_ST.ordinal();
        assertThat(b.mean()[i]).isCloseTo(mean, within(1e-9));
        assertThat(b.variance()[i]).isCloseTo(var, within(1e-9));
        assertThat(b.count(Feature.PITCH_ST)).isEqualTo(20);
        assertThat(b.chunks()).isEqualTo(20);
    }

    @Test
    void theSessionTakesOverFromThePriorAndZScoresBecomeSpeakerRelative() {
        // a low-pitched, quiet speaker: far from the population prior
        VoiceBaseline b = VoiceBaseline.empty();
        double zFirst = b.normalise(Feature.PITCH_ST, 0.5);
        Random r = new Random(5);
        for (int i = 0; i < 40; i++) {
            b = b.update(chunk(0.5 + r.nextGaussian() * 0.7, -38 + r.nextGaussian(), 4, 0));
        }
        assertThat(zFirst).isLessThan(-1.4);
        assertThat(b.normalise(Feature.PITCH_ST, 0.5)).isCloseTo(0, within(0.4));
        assertThat(b.normalise(Feature.ENERGY_DB, -38)).isCloseTo(0, within(0.4));
        // a raised voice for this speaker is now a large deviation, though still "low" for the population
        assertThat(b.normalise(Feature.PITCH_ST, 3.5)).isGreaterThan(1.5);
        assertThat(VoiceBaseline.empty().normalise(Feature.PITCH_ST, 3.5)).isLessThan(0);
        // the effective count is capped: an exponential forgetting window
        assertThat(b.count(Feature.PITCH_ST)).isEqualTo(VoiceBaseline.MAX_COUNT);
    }

    @Test
    void identicalChunksDoNotMakeZExplode() {
        VoiceBaseline b = VoiceBaseline.empty();
        for (int i = 0; i < 30; i++) {
            b = b.update(chunk(2, -30, 4, 0));
        }
        assertThat(b.variance()[Feature.PITCH_ST.ordinal()]).isZero();
        // the prior within-speaker spread keeps a floor under the session's zero variance
        assertThat(b.referenceSd(Feature.PITCH_ST)).isGreaterThan(0.3 * Feature.PITCH_ST.withinSd());
        assertThat(b.normalise(Feature.PITCH_ST, 2.5)).isBetween(0.5, 2.0);
    }

    @Test
    void unmeasuredFeaturesLeaveTheirStatisticsAloneAndSilenceCarriesOver() {
        ProsodyFeatures silent = new ProsodyFeatures(1000, 0, 0, 0, 0, Double.NaN, 1500,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        VoiceBaseline b = VoiceBaseline.empty().update(chunk(3, -30, 4, 200)).update(silent);
        assertThat(b.count(Feature.PITCH_ST)).isEqualTo(1);
        assertThat(b.mean()[Feature.PITCH_ST.ordinal()]).isEqualTo(3);
        assertThat(b.chunks()).isEqualTo(2);
        assertThat(b.carriedSilenceMs()).isEqualTo(1500);
        assertThat(b.withoutCarriedSilence().carriedSilenceMs()).isEqualTo(-1);
        assertThat(b.withoutCarriedSilence().mean()).isEqualTo(b.mean());
    }

    @Test
    void isAnImmutableValue() {
        VoiceBaseline a = VoiceBaseline.empty().update(chunk(3, -30, 4, 0));
        double[] mean = a.mean();
        mean[0] = 99;
        assertThat(a.mean()[0]).isNotEqualTo(99);
        VoiceBaseline copy = new VoiceBaseline(a.chunks(), a.count(), a.mean(), a.variance(), a.carriedSilenceMs());
        assertThat(copy).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Test
    void aBaselineKeptByFeatureInAnotherFormRebuildsExactly() {
        VoiceBaseline b = VoiceBaseline.empty();
        for (int i = 0; i < 7; i++) {
            b = b.update(chunk(3 + 0.3 * i, -28 + i, 4 + 0.1 * i, 120 + i));
        }
        VoiceBaseline kept = b;
        java.util.Map<String, VoiceBaseline.Stats> byName = new java.util.HashMap<>();
        for (Feature f : Feature.values()) {
            byName.put(f.wireName(), kept.stats(f));
        }
        VoiceBaseline rebuilt = VoiceBaseline.of(kept.chunks(), f -> byName.get(f.wireName()), kept.carriedSilenceMs());
        assertThat(rebuilt).isEqualTo(kept);
        // a feature the keeper has no statistics for starts with none
        VoiceBaseline partial = VoiceBaseline.of(kept.chunks(),
                f -> f == Feature.PITCH_ST ? null : byName.get(f.wireName()), -1);
        assertThat(partial.count(Feature.PITCH_ST)).isZero();
        assertThat(partial.count(Feature.ENERGY_DB)).isEqualTo(7);
    }
}
