package io.moments.ratings;

import java.util.Arrays;

/**
 * The statistics of a label check, on paired arrays ({@code score[i]} is the job's label value at
 * moment i, {@code truth[i]} the rating there). Undefined values are {@link Double#NaN}: a correlation
 * with a constant side, an AUC without both classes, anything of nothing.
 */
public final class Stats {

    private Stats() {}

    /** Ranks 1..n, ties given the mean of the ranks they span (so 3 tied values at ranks 2, 3, 4 each get 3). */
    public static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    /** Pearson's correlation; NaN when fewer than 2 pairs or either side is constant. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman's rank correlation: Pearson's on mid-ranks (ties averaged). */
    public static double spearman(double[] score, double[] truth) {
        return pearson(ranks(score), ranks(truth));
    }

    /**
     * The area under the ROC curve of {@code score} for the class {@code truth >= threshold}: the chance
     * that a positive moment scores above a negative one, ties counting one half (Mann–Whitney U / n+n−).
     * NaN when either class is empty.
     */
    public static double auc(double[] score, double[] truth, double threshold) {
        int n = score.length;
        double[] r = ranks(score);
        long positives = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (truth[i] >= threshold) {
                positives++;
                rankSum += r[i];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** Mean absolute error. */
    public static double mae(double[] score, double[] truth) {
        if (score.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < score.length; i++) {
            sum += Math.abs(score[i] - truth[i]);
        }
        return sum / score.length;
    }

    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** How many values are at least {@code threshold}. */
    public static int atLeast(double[] x, double threshold) {
        int n = 0;
        for (double v : x) {
            if (v >= threshold) {
                n++;
            }
        }
        return n;
    }

    /**
     * The q-quantile (0..1) of values sorted ascending, interpolating linearly between order statistics
     * (Hyndman and Fan's type 7, R's default); NaN of nothing.
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
