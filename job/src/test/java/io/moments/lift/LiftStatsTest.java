package io.moments.lift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiftStatsTest {

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Newcombe (1998), table I: 81/263 -> 0.2553 .. 0.3662 (Wilson)
        double[] w = LiftStats.wilson(81, 263);
        assertThat(w[0]).isCloseTo(0.2553, within(5e-4));
        assertThat(w[1]).isCloseTo(0.3662, within(5e-4));
    }

    @Test
    void newcombeDifferenceMatchesPublishedValues() {
        // Newcombe (1998), method 10, example (a): 56/70 vs 48/80 -> +0.2000 (0.0524, 0.3339)
        double[] d = LiftStats.difference(56, 70, 48, 80);
        assertThat(d[0]).isCloseTo(0.2, within(1e-9));
        assertThat(d[1]).isCloseTo(0.0524, within(5e-4));
        assertThat(d[2]).isCloseTo(0.3339, within(5e-4));
    }

    @Test
    void emptyArmsGiveAWideInterval() {
        double[] d = LiftStats.difference(3, 10, 0, 0);
        assertThat(d[1]).isLessThan(0);
        assertThat(d[2]).isGreaterThan(0);
    }
}
