package io.moments.ratings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The statistics against small cases worked out by hand. */
class StatsTest {

    @Test
    void tiesShareTheMeanOfTheirRanks() {
        assertThat(Stats.ranks(new double[]{3, 1, 2, 2})).containsExactly(4, 1, 2.5, 2.5);
        assertThat(Stats.ranks(new double[]{5, 5, 5})).containsExactly(2, 2, 2);
        assertThat(Stats.ranks(new double[]{0.2, 0.9, 0.2, 0.1, 0.2})).containsExactly(3, 5, 3, 1, 3);
    }

    @Test
    void spearmanWithTiesIsPearsonOnMidRanks() {
        // ranks 1, 2.5, 2.5, 4 against 1, 3, 2, 4: sxy = 4.5, sxx = 4.5, syy = 5, so rho = 4.5 / sqrt(22.5) = 3 / sqrt(10)
        double rho = Stats.spearman(new double[]{1, 2, 2, 3}, new double[]{1, 3, 2, 4});
        assertThat(rho).isCloseTo(3 / Math.sqrt(10), within(1e-12));
    }

    @Test
    void spearmanOfAMonotoneRelationIsOneWhateverItsShape() {
        assertThat(Stats.spearman(new double[]{0.1, 0.2, 0.3, 0.4}, new double[]{0.01, 0.04, 0.5, 0.99})).isEqualTo(1.0);
        assertThat(Stats.spearman(new double[]{0.1, 0.2, 0.3, 0.4}, new double[]{4, 3, 2, 1})).isEqualTo(-1.0);
    }

    @Test
    void spearmanIsUndefinedWhenASideIsConstantOrTooShort() {
        assertThat(Stats.spearman(new double[]{0, 0, 0}, new double[]{0.1, 0.5, 0.9})).isNaN();
        assertThat(Stats.spearman(new double[]{0.3}, new double[]{0.2})).isNaN();
        assertThat(Stats.spearman(new double[0], new double[0])).isNaN();
    }

    @Test
    void aucCountsEachPositiveNegativePairAndTiesAsHalf() {
        // positives (rating >= 0.6): scores 0.4 and 0.8; negatives: 0.1, 0.35, 0.4.
        // 0.4 beats 0.1 and 0.35 and ties 0.4 (2.5); 0.8 beats all three (3): 5.5 of 6 pairs.
        double auc = Stats.auc(new double[]{0.1, 0.4, 0.35, 0.8, 0.4}, new double[]{0, 0.7, 0.2, 0.9, 0.1}, 0.6);
        assertThat(auc).isCloseTo(11 / 12.0, within(1e-12));
    }

    @Test
    void aucTakesARatingAtTheThresholdAsPositive() {
        assertThat(Stats.auc(new double[]{0.2, 0.7}, new double[]{0.59, 0.6}, 0.6)).isEqualTo(1.0);
        assertThat(Stats.auc(new double[]{0.7, 0.2}, new double[]{0.59, 0.6}, 0.6)).isEqualTo(0.0);
        assertThat(Stats.auc(new double[]{0.5, 0.5}, new double[]{0.1, 0.9}, 0.6)).isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedWithoutBothClasses() {
        assertThat(Stats.auc(new double[]{0.1, 0.9}, new double[]{0.7, 0.8}, 0.6)).isNaN();
        assertThat(Stats.auc(new double[]{0.1, 0.9}, new double[]{0.1, 0.2}, 0.6)).isNaN();
    }

    @Test
    void meanAbsoluteError() {
        assertThat(Stats.mae(new double[]{0.1, 0.5}, new double[]{0.3, 0.2})).isCloseTo(0.25, within(1e-12));
        assertThat(Stats.mae(new double[]{0.4}, new double[]{0.4})).isZero();
        assertThat(Stats.mae(new double[0], new double[0])).isNaN();
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(Stats.quantile(sorted, 0)).isEqualTo(1);
        assertThat(Stats.quantile(sorted, 0.25)).isEqualTo(1.75);
        assertThat(Stats.quantile(sorted, 0.5)).isEqualTo(2.5);
        assertThat(Stats.quantile(sorted, 1)).isEqualTo(4);
        assertThat(Stats.quantile(new double[0], 0.5)).isNaN();
    }
}
