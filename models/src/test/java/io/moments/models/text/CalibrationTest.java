package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /**
     * Logits drawn so that the true class wins with a known probability, then multiplied by 3: the
     * fitted temperature undoes the factor (≈3), and the ECE falls from the over-confident value to near 0.
     */
    @Test
    void temperatureUndoesOverconfidence() {
        Random random = new Random(7);
        int n = 4000;
        float[][] logits = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[TextClasses.COUNT];
            for (int c = 0; c < z.length; c++) {
                z[c] = random.nextGaussian() + (c == 0 ? 1.5 : 0);
            }
            // the label is drawn from softmax(z): z is calibrated by construction
            double[] p = Calibration.softmax(toFloat(z), 1);
            double u = random.nextDouble();
            int label = 0;
            for (double acc = p[0]; acc < u && label < p.length - 1; acc += p[++label]) {
                // walk the cumulative distribution
            }
            labels[i] = label;
            logits[i] = toFloat(scale(z, 3));
        }
        double t = Calibration.fitTemperature(logits, labels);
        assertThat(t).isCloseTo(3.0, within(0.25));
        double before = ece(logits, labels, 1);
        double after = ece(logits, labels, t);
        assertThat(before).isGreaterThan(0.1);
        assertThat(after).isLessThan(0.03);
        assertThat(Calibration.nll(logits, labels, t)).isLessThan(Calibration.nll(logits, labels, 1));
    }

    @Test
    void binsAndErrorOnHandMadeProbabilities() {
        double[][] p = {
            {0.95, 0.05, 0, 0, 0, 0, 0}, // right, bin 14
            {0.95, 0.05, 0, 0, 0, 0, 0}, // wrong, bin 14
            {0.1, 0.5, 0.4, 0, 0, 0, 0}, // right, bin 7
            {1.0, 0, 0, 0, 0, 0, 0},     // right, 1.0 goes into the last bin
        };
        int[] labels = {0, 3, 1, 0};
        List<Calibration.Bin> bins = Calibration.reliability(p, labels);
        assertThat(bins).hasSize(Calibration.BINS);
        assertThat(bins.get(14).n()).isEqualTo(3);
        assertThat(bins.get(14).accuracy()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(bins.get(14).meanConfidence()).isCloseTo((0.95 + 0.95 + 1.0) / 3, within(1e-12));
        assertThat(bins.get(7).n()).isEqualTo(1);
        // ECE = 3/4·|2/3 − 0.9667| + 1/4·|1 − 0.5|
        assertThat(Calibration.expectedCalibrationError(bins))
                .isCloseTo(0.75 * Math.abs(2 / 3.0 - 2.9 / 3) + 0.25 * 0.5, within(1e-12));
        assertThat(Calibration.reliabilitySvg("t", bins, 0.1)).startsWith("<svg").contains("ECE 0.100").endsWith("</svg>\n");
    }

    @Test
    void softmaxIsStableAndSumsToOne() {
        double[] p = Calibration.softmax(new float[] {1000f, 999f, -1000f}, 1);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        assertThat(p[0] / p[1]).isCloseTo(Math.E, within(1e-9));
        assertThat(Calibration.softmax(new float[] {2f, 0f}, 1e9)[0]).isCloseTo(0.5, within(1e-6));
    }

    private static double ece(float[][] logits, int[] labels, double t) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = Calibration.softmax(logits[i], t);
        }
        return Calibration.expectedCalibrationError(Calibration.reliability(p, labels));
    }

    private static double[] scale(double[] z, double f) {
        double[] out = z.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
