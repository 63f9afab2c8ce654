package io.moments.ratings;

import io.moments.decide.PolicyEngine;
import io.moments.insights.LabelBands;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.ratings.Bootstrap.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How the job's continuous labels compare with ratings, per label: Spearman's rank correlation, the
 * AUC of the label value for "rated at or above the policy's threshold", the mean absolute error, and
 * calibration by the job's bands (the mean rating of the moments whose label is low, mid or high, next
 * to their mean label), each with a 95 % bootstrap interval over sessions ({@link Bootstrap}).
 */
public final class LabelCheck {

    /** The figures of one label over the moments that rate it. */
    public record LabelReport(Label label, int n, int positives, Interval spearman, Interval auc, Interval mae,
                              List<Band> bands) {}

    /** Calibration in one of the job's bands ({@link LabelBands#BAND_NAMES}, {@link PolicyEngine#band}). */
    public record Band(String name, int n, double meanLabel, Interval meanRating) {}

    /**
     * @param threshold the policy's {@code labels.threshold}: a rating at or above it is a positive for the AUC
     */
    public record Report(int moments, int sessions, double threshold, int resamples, long seed,
                         List<LabelReport> labels) {

        public LabelReport of(Label label) {
            return labels.stream().filter(l -> l.label() == label).findFirst().orElseThrow();
        }
    }

    private LabelCheck() {}

    /** @param predicted the job's labels at each moment, in the order of {@code moments} */
    public static Report evaluate(List<RatedMoment> moments, LabelScores[] predicted, double threshold,
                                  int resamples, long seed) {
        List<String> sessionOf = moments.stream().map(RatedMoment::sessionId).toList();
        Bootstrap bootstrap = new Bootstrap(sessionOf, resamples, seed);
        int n = moments.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        List<LabelReport> reports = new ArrayList<>();
        for (Label label : Label.values()) {
            double[] score = new double[n];
            double[] truth = new double[n];
            boolean[] rated = new boolean[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                Double t = moments.get(i).truth().get(label);
                if (t != null) {
                    rated[i] = true;
                    truth[i] = t;
                    score[i] = predicted[i].get(label);
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            Paired p = new Paired(score, truth, rated);
            Interval spearman = bootstrap.interval(ix -> p.on(ix, Stats::spearman), all);
            Interval auc = bootstrap.interval(ix -> p.on(ix, (s, t) -> Stats.auc(s, t, threshold)), all);
            Interval mae = bootstrap.interval(ix -> p.on(ix, Stats::mae), all);
            List<Band> bands = new ArrayList<>();
            for (String band : LabelBands.BAND_NAMES) {
                Paired inBand = p.where(i -> PolicyEngine.band(score[i]).equals(band));
                double[] labelsInBand = inBand.scores(all);
                Interval meanRating = bootstrap.interval(ix -> Stats.mean(inBand.truths(ix)), all);
                bands.add(new Band(band, labelsInBand.length, Stats.mean(labelsInBand), meanRating));
            }
            reports.add(new LabelReport(label, count, Stats.atLeast(p.truths(all), threshold), spearman, auc, mae,
                    List.copyOf(bands)));
        }
        return new Report(n, new LinkedHashSet<>(sessionOf).size(), threshold, resamples, seed, List.copyOf(reports));
    }

    /** The report as the command prints it. */
    public static String text(Report r, String header) {
        StringBuilder b = new StringBuilder();
        b.append(header).append('\n');
        b.append(String.format(Locale.ROOT, "%d rated moments in %d sessions; AUC positives: rated >= %s "
                        + "(the policy's labels.threshold); bands as the job's: low < 0.4 <= mid < 0.7 <= high%n",
                r.moments(), r.sessions(), num(r.threshold())));
        b.append(String.format(Locale.ROOT, "[low, high]: 95%% percentile bootstrap over sessions, %d resamples, "
                + "seed %d%n%n", r.resamples(), r.seed()));
        String auc = "auc@" + num(r.threshold());
        b.append(row(String.format(Locale.ROOT, "%-18s %4s %10s  %-25s %-25s %s", "label", "n",
                "rated>=" + num(r.threshold()), "spearman", auc, "mae")));
        for (LabelReport l : r.labels()) {
            b.append(row(String.format(Locale.ROOT, "%-18s %4d %10d  %-25s %-25s %s", l.label().wireName(), l.n(),
                    l.positives(), interval(l.spearman(), r.resamples()), interval(l.auc(), r.resamples()),
                    interval(l.mae(), r.resamples()))));
        }
        b.append(String.format(Locale.ROOT, "%ncalibration: moments by the band of the job's label; their mean "
                + "label and mean rating%n"));
        b.append(row(String.format(Locale.ROOT, "%-18s %-5s %4s %6s  %s", "label", "band", "n", "label", "rating")));
        for (LabelReport l : r.labels()) {
            String name = l.label().wireName();
            for (Band band : l.bands()) {
                b.append(row(String.format(Locale.ROOT, "%-18s %-5s %4d %6s  %s", name, band.name(), band.n(),
                        band.n() == 0 ? "-" : fixed(band.meanLabel()),
                        band.n() == 0 ? "-" : interval(band.meanRating(), r.resamples()))));
                name = "";
            }
        }
        b.append(String.format(Locale.ROOT, "(N): the interval rests on the N resamples in which the figure is "
                + "defined (an AUC needs a moment rated on each side of the threshold, a correlation two distinct "
                + "values, a band a moment in it)%n"));
        return b.toString();
    }

    private static String row(String line) {
        return line.stripTrailing() + "\n";
    }

    /** {@code 0.62 [0.41, 0.78]}; {@code n/a} where undefined; the resamples it rests on when fewer than all. */
    static String interval(Interval i, int resamples) {
        if (Double.isNaN(i.value())) {
            return "n/a";
        }
        String s = fixed(i.value()) + " [" + (i.resamples() == 0 ? "n/a" : fixed(i.low()) + ", " + fixed(i.high())) + "]";
        return i.resamples() < resamples && i.resamples() > 0 ? s + " (" + i.resamples() + ")" : s;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
    }

    /** Scores and ratings of the moments that rate a label; a statistic on a resample's indices. */
    private record Paired(double[] score, double[] truth, boolean[] rated) {

        interface Statistic {
            double of(double[] score, double[] truth);
        }

        double on(int[] indices, Statistic statistic) {
            return statistic.of(scores(indices), truths(indices));
        }

        double[] scores(int[] indices) {
            return pick(score, indices);
        }

        double[] truths(int[] indices) {
            return pick(truth, indices);
        }

        Paired where(java.util.function.IntPredicate keep) {
            boolean[] r = new boolean[rated.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = rated[i] && keep.test(i);
            }
            return new Paired(score, truth, r);
        }

        private double[] pick(double[] values, int[] indices) {
            int n = 0;
            for (int i : indices) {
                if (rated[i]) {
                    n++;
                }
            }
            double[] out = new double[n];
            int k = 0;
            for (int i : indices) {
                if (rated[i]) {
                    out[k++] = values[i];
                }
            }
            return out;
        }
    }
}
