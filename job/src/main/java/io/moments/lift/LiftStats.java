package io.moments.lift;

/**
 * Conversion-rate difference between treatment and holdout with a 95 % confidence interval: Wilson
 * score intervals for each rate, combined with Newcombe's hybrid method (method 10 of Newcombe 1998),
 * which keeps its coverage with small samples and rates near 0 or 1 where the Wald interval fails.
 */
public final class LiftStats {

    private static final double Z = 1.959964;

    private LiftStats() {}

    /** Wilson 95 % interval of a proportion; {@code [0, 1]} when there is no data. */
    public static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[]{0, 1};
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** {@code [difference, low, high]} of treatment rate minus holdout rate. */
    public static double[] difference(long treatmentConversions, long treatmentN, long holdoutConversions, long holdoutN) {
        double p1 = treatmentN == 0 ? 0 : (double) treatmentConversions / treatmentN;
        double p2 = holdoutN == 0 ? 0 : (double) holdoutConversions / holdoutN;
        double[] w1 = wilson(treatmentConversions, treatmentN);
        double[] w2 = wilson(holdoutConversions, holdoutN);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[]{d, low, high};
    }

    private static double sq(double x) {
        return x * x;
    }
}
