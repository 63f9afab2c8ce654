package io.moments.decide;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {

    @Test
    void writesWhatTheFormatterWrites() {
        Random random = new Random(11);
        double[] edges = {0, 1, -1, 0.005, 0.015, 0.125, 0.995, -0.004, 1.005, 2.675, 0.6, 0.45, 3, -0.155};
        for (double v : edges) {
            assertThat(Decimals.two(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
            assertThat(Decimals.signedTwo(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%+.2f", v));
        }
        for (int i = 0; i < 100_000; i++) {
            double v = (random.nextDouble() - 0.3) * (random.nextBoolean() ? 1 : 5);
            assertThat(Decimals.two(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
            assertThat(Decimals.signedTwo(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%+.2f", v));
        }
    }
}
