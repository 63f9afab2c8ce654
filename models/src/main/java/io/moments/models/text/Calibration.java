package io.moments.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Temperature scaling and how well calibrated a classifier is. The head's logits are divided by
 * one temperature {@code T} before the softmax; {@code T} is fitted on the validation split by
 * minimising the negative log-likelihood, which keeps the top class (and so the accuracy) and only
 * changes how confident the probabilities are (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks").
 */
final class Calibration {

    /** Equal-width confidence bins of the expected calibration error and the reliability diagrams. */
    static final int BINS = 15;

    private static final double LOG_T_MIN = Math.log(0.05);
    private static final double LOG_T_MAX = Math.log(20);

    /** One confidence bin: the texts whose top-class probability fell in {@code [lo, hi)}. */
    record Bin(double lo, double hi, int n, double accuracy, double meanConfidence) {}

    private Calibration() {}

    static double[] softmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Mean negative log-likelihood of the true classes at temperature {@code t}. */
    static double nll(float[][] logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            sum -= Math.log(Math.max(softmax(logits[i], t)[labels[i]], 1e-300));
        }
        return sum / logits.length;
    }

    /**
     * The temperature in [0.05, 20] with the least {@link #nll}: golden-section search over
     * {@code log T} (the NLL of a temperature-scaled softmax is unimodal in it), to 1e-6.
     */
    static double fitTemperature(float[][] logits, int[] labels) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no validation texts to fit a temperature on");
        }
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = LOG_T_MIN;
        double b = LOG_T_MAX;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = nll(logits, labels, Math.exp(c));
        double fd = nll(logits, labels, Math.exp(d));
        while (b - a > 1e-6) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = nll(logits, labels, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = nll(logits, labels, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** {@link #BINS} equal-width bins of the top-class probability, with accuracy and mean confidence. */
    static List<Bin> reliability(double[][] probabilities, int[] labels) {
        int[] n = new int[BINS];
        int[] correct = new int[BINS];
        double[] confidence = new double[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int top = argmax(probabilities[i]);
            double p = probabilities[i][top];
            int bin = Math.min(BINS - 1, (int) (p * BINS));
            n[bin]++;
            correct[bin] += top == labels[i] ? 1 : 0;
            confidence[bin] += p;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, n[b],
                    n[b] == 0 ? 0 : (double) correct[b] / n[b], n[b] == 0 ? 0 : confidence[b] / n[b]));
        }
        return bins;
    }

    /** Expected calibration error: the share-weighted mean |accuracy − confidence| over the bins. */
    static double expectedCalibrationError(List<Bin> bins) {
        int total = bins.stream().mapToInt(Bin::n).sum();
        double ece = 0;
        for (Bin b : bins) {
            ece += b.n() == 0 ? 0 : (double) b.n() / total * Math.abs(b.accuracy() - b.meanConfidence());
        }
        return ece;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * A reliability diagram as a small standalone SVG: one bar per non-empty bin at its accuracy,
     * the bin's mean confidence as a tick, and the diagonal a calibrated model would follow.
     */
    static String reliabilitySvg(String title, List<Bin> bins, double ece) {
        int size = 300;
        int pad = 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                size + 2 * pad, size + 2 * pad));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s (ECE %.3f)</text>%n",
                pad, escape(title), ece));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", pad, pad, size, size));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>%n",
                pad, pad + size, pad + size, pad));
        double w = (double) size / BINS;
        for (int b = 0; b < bins.size(); b++) {
            Bin bin = bins.get(b);
            if (bin.n() == 0) {
                continue;
            }
            double h = bin.accuracy() * size;
            double x = pad + b * w;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7bb7\" opacity=\"0.8\"><title>%.2f-%.2f: n=%d, accuracy %.3f, confidence %.3f</title></rect>%n",
                    x + 1, pad + size - h, w - 2, h, bin.lo(), bin.hi(), bin.n(), bin.accuracy(), bin.meanConfidence()));
            double y = pad + size - bin.meanConfidence() * size;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" stroke-width=\"2\"/>%n",
                    x + 1, y, x + w - 1, y));
        }
        for (int t = 0; t <= 4; t++) {
            double v = t / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n",
                    pad + v * size, pad + size + 14, v));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
                    pad - 4, pad + size - v * size + 4, v));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">confidence (top-class probability); bars: accuracy, red: mean confidence</text>%n",
                pad + size / 2, pad + size + 30));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
