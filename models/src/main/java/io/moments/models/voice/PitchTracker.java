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
    /** Samples a frame needs from its start: window + largest lag. */
    public static final int FRAME = WINDOW + MAX_LAG;
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
        double[] d = new double[MAX_LAG + 2];
        for (int tau = 1; tau <= MAX_LAG + 1 && offset + WINDOW + tau <= x.length; tau++) {
            double sum = 0;
            for (int j = 0; j < WINDOW; j++) {
                double diff = x[offset + j] - x[offset + j + tau];
                sum += diff * diff;
            }
            d[tau] = sum;
        }
        // cumulative mean normalised difference
        double[] cmnd = new double[d.length];
        cmnd[0] = 1;
        double running = 0;
        for (int tau = 1; tau < d.length; tau++) {
            running += d[tau];
            cmnd[tau] = running > 0 ? d[tau] * tau / running : 1;
        }
        int best = -1;
        for (int tau = MIN_LAG; tau <= MAX_LAG; tau++) {
            if (cmnd[tau] < THRESHOLD) {
                // walk down to the local minimum of this dip
                while (tau + 1 <= MAX_LAG && cmnd[tau + 1] < cmnd[tau]) {
                    tau++;
                }
                best = tau;
                break;
            }
        }
        if (best < 0) {
            return Double.NaN;
        }
        double refined = best;
        if (best > 1 && best + 1 < cmnd.length) {
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
}
