package io.moments.models.voice;

/**
 * Fundamental frequency by YIN (de Cheveigné &amp; Kawahara, 2002): difference function, cumulative mean
 * normalisation, absolute threshold, parabolic interpolation. Search range 60–450 Hz (adult speech),
 * analysis window 25 ms. Stateless and thread-safe.
 */
public final class PitchTracker {

    public static final double MIN_HZ = 60;
    public static final double MAX_HZ = 450;
    /** Window of the difference function (25 ms at 16 kHz). */
    public static final int WINDOW = 400;
    /** Largest lag searched (period of {@link #MIN_HZ}). */
    public static final int MAX_LAG = (int) Math.ceil(Pcm16.SAMPLE_RATE / MIN_HZ);
    static final int MIN_LAG = (int) Math.floor(Pcm16.SAMPLE_RATE / MAX_HZ);
    /** Samples a frame needs from its start: window + largest lag + 1 (the lag after it, for interpolation). */
    public static final int FRAME = WINDOW + MAX_LAG + 1;
    /** YIN's absolute threshold on the normalised difference (aperiodicity); above it a frame is unvoiced. */
    public static final double THRESHOLD = 0.15;

    private PitchTracker() {
    }

    /**
     * F0 in Hz of the frame starting at {@code offset} (needs {@link #FRAME} samples), or NaN when the frame
     * is unvoiced (no lag with normalised difference below {@link #THRESHOLD}) or too short.
     */
    public static double estimate(float[] x, int offset) {
        if (offset < 0 || offset + FRAME > x.length) {
            return Double.NaN;
        }
        // The difference function is computed lag by lag and stops at the bottom of the first dip below the
        // threshold (what YIN picks), so voiced frames rarely pay for the whole lag range.
        double[] cmnd = new double[MAX_LAG + 2];
        cmnd[0] = 1;
        double running = 0;
        int best = -1;
        for (int tau = 1; tau <= MAX_LAG + 1; tau++) {
            double d = difference(x, offset, tau);
            running += d;
            cmnd[tau] = running > 0 ? d * tau / running : 1;
            if (best < 0) {
                if (tau >= MIN_LAG && tau <= MAX_LAG && cmnd[tau] < THRESHOLD) {
                    best = tau;
                }
            } else if (cmnd[tau] < cmnd[best] && tau <= MAX_LAG) {
                best = tau; // still descending into the dip
            } else {
                break; // cmnd[best + 1] is known: enough for the interpolation
            }
        }
        if (best < 0) {
            return Double.NaN;
        }
        double refined = best;
        if (best > 1 && best + 1 <= MAX_LAG + 1) {
            double a = cmnd[best - 1];
            double b = cmnd[best];
            double c = cmnd[best + 1];
            double denom = a - 2 * b + c;
            if (denom > 0) {
                refined = best + 0.5 * (a - c) / denom;
            }
        }
        return Pcm16.SAMPLE_RATE / refined;
    }

    /** Sum over the window of (x[j] - x[j + tau])², four independent accumulators. */
    private static double difference(float[] x, int offset, int tau) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = offset;
        int end = offset + WINDOW;
        for (; j + 3 < end; j += 4) {
            float d0 = x[j] - x[j + tau];
            float d1 = x[j + 1] - x[j + 1 + tau];
            float d2 = x[j + 2] - x[j + 2 + tau];
            float d3 = x[j + 3] - x[j + 3 + tau];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < end; j++) {
            float d = x[j] - x[j + tau];
            s0 += d * d;
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
