package io.moments.ratings;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapTest {

    private static final int[] ALL = {0, 1, 2, 3, 4, 5};
    private static final double[] VALUES = {0.0, 0.0, 0.0, 1.0, 1.0, 1.0};
    private static final List<String> TWO_SESSIONS = List.of("a", "a", "a", "b", "b", "b");

    private static ToDoubleFunction<int[]> mean(double[] values) {
        return ix -> Arrays.stream(ix).mapToDouble(i -> values[i]).average().orElse(Double.NaN);
    }

    @Test
    void drawsWholeSessions() {
        // Session a holds the zeros, b the ones: a resample is a, a / a, b / b, b, so its mean is 0, 0.5 or 1 and
        // never a fraction that splitting a session would give.
        Bootstrap b = new Bootstrap(TWO_SESSIONS, 500, 7);
        double[] seen = new double[3];
        b.interval(ix -> {
            double m = mean(VALUES).applyAsDouble(ix);
            assertThat(ix).hasSize(6);
            assertThat(m).isIn(0.0, 0.5, 1.0);
            seen[(int) (m * 2)]++;
            return m;
        }, ALL);
        assertThat(seen[0]).isPositive();
        assertThat(seen[1]).isPositive();
        assertThat(seen[2]).isPositive();
    }

    @Test
    void theIntervalHoldsTheStatisticAndStaysWithinItsRange() {
        List<String> sessions = List.of("a", "b", "c", "d", "e", "f");
        double[] values = {0.1, 0.4, 0.35, 0.8, 0.2, 0.6};
        Bootstrap.Interval i = new Bootstrap(sessions, 1000, 1).interval(mean(values), ALL);
        assertThat(i.value()).isEqualTo(Arrays.stream(values).average().orElseThrow());
        assertThat(i.low()).isLessThanOrEqualTo(i.value()).isGreaterThanOrEqualTo(0.1);
        assertThat(i.high()).isGreaterThanOrEqualTo(i.value()).isLessThanOrEqualTo(0.8);
        assertThat(i.resamples()).isEqualTo(1000);
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        List<String> sessions = List.of("a", "b", "c", "d", "e", "f");
        double[] values = {0.1, 0.4, 0.35, 0.8, 0.2, 0.6};
        Bootstrap.Interval one = new Bootstrap(sessions, 200, 42).interval(mean(values), ALL);
        assertThat(new Bootstrap(sessions, 200, 42).interval(mean(values), ALL)).isEqualTo(one);
        assertThat(new Bootstrap(sessions, 200, 43).interval(mean(values), ALL)).isNotEqualTo(one);
    }

    @Test
    void resamplesWhereTheStatisticIsUndefinedAreLeftOutAndCounted() {
        Bootstrap b = new Bootstrap(TWO_SESSIONS, 400, 3);
        // The AUC needs both sessions (a is all negatives, b all positives): about half the resamples lack one.
        double[] scores = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        Bootstrap.Interval auc = b.interval(ix -> Stats.auc(pick(scores, ix), pick(VALUES, ix), 0.6), ALL);
        assertThat(auc.value()).isEqualTo(1.0);
        assertThat(auc.resamples()).isBetween(100, 300);
        assertThat(auc.low()).isEqualTo(1.0);
        Bootstrap.Interval never = b.interval(ix -> Double.NaN, ALL);
        assertThat(never.resamples()).isZero();
        assertThat(never.low()).isNaN();
    }

    @Test
    void theNumberOfResamplesIsBounded() {
        assertThatThrownBy(() -> new Bootstrap(TWO_SESSIONS, 0, 1)).hasMessageContaining("1..10000");
        assertThatThrownBy(() -> new Bootstrap(TWO_SESSIONS, Bootstrap.MAX_RESAMPLES + 1, 1))
                .hasMessageContaining("1..10000");
        assertThat(new Bootstrap(TWO_SESSIONS, Bootstrap.MAX_RESAMPLES, 1).resamples()).isEqualTo(10_000);
    }

    private static double[] pick(double[] values, int[] ix) {
        return Arrays.stream(ix).mapToDouble(i -> values[i]).toArray();
    }
}
