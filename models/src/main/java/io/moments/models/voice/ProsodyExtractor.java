package io.moments.models.voice;

import java.util.Arrays;
import java.util.List;

/**
 * Prosody of one chunk, computed in Java over the VAD's speech segments. Frames are 25 ms long every
 * 10 ms; a frame belongs to speech when its centre lies in a segment. Stateless and thread-safe.
 *
 * <ul>
 *   <li><b>Pauses</b>: gaps between speech segments of {@value #MIN_PAUSE_MS} ms to {@value #MAX_PAUSE_MS} ms
 *       (250 ms is the usual silent-pause threshold in fluency research; longer gaps are treated as
 *       turn-taking or not talking, not as hesitation). Silence at the start of a chunk joins the silence
 *       carried from the end of the session's previous chunk, so a pause split by a chunk boundary counts once.
 *       Gaps are measured between padded segments (Silero pads 30 ms each side).</li>
 *   <li><b>Energy</b>: frame RMS in dB re full scale. Level = power mean over speech frames; spread = SD of
 *       frame dB over active frames (within {@value #ACTIVE_RANGE_DB} dB of the loudest); slope = least-squares
 *       dB/s over voiced frames.</li>
 *   <li><b>Pitch</b>: YIN ({@link PitchTracker}) on active speech frames; median in semitones re 100 Hz and
 *       SD in semitones over voiced frames within 10 semitones of the median (drops octave errors).</li>
 *   <li><b>Speech rate</b>: syllable nuclei after de Jong &amp; Wempe (2009): peaks of a 40 ms intensity
 *       contour inside speech, at most {@value #PEAK_BELOW_MAX_DB} dB below the chunk's loudest frame, at
 *       least {@value #MIN_DIP_DB} dB above the dip separating them from the previous peak, and voiced; per
 *       second of speech.</li>
 * </ul>
 */
public final class ProsodyExtractor {

    static final int HOP = 160;
    static final int ENERGY_WINDOW = 400;
    static final int INTENSITY_WINDOW = 640;
    public static final int MIN_PAUSE_MS = 250;
    public static final int MAX_PAUSE_MS = 3000;
    /** Silence carried between chunks is capped here (anything above {@link #MAX_PAUSE_MS} is the same). */
    static final long MAX_CARRIED_SILENCE_MS = 60_000;
    static final double ACTIVE_RANGE_DB = 35;
    static final double PEAK_BELOW_MAX_DB = 25;
    static final double MIN_DIP_DB = 2;
    /** Minimum speech for rate and pause features. */
    static final long MIN_SPEECH_MS_RATE = 500;
    /** Minimum speech for level features. */
    static final long MIN_SPEECH_MS_LEVEL = 200;
    static final int MIN_VOICED_FRAMES = 5;

    private ProsodyExtractor() {
    }

    /**
     * The chunk's features in a session: {@link #sample} completed with the session's carried silence
     * ({@link ProsodySample#features}).
     *
     * @param x                  samples at 16 kHz in [-1, 1)
     * @param segments           VAD speech segments in samples ([start, end)), sorted, non-overlapping
     * @param carriedSilenceMs   silence at the end of the session's previous chunk after speech, or -1 if the
     *                           session has had no speech yet
     */
    public static ProsodyFeatures extract(float[] x, List<int[]> segments, long carriedSilenceMs) {
        return sample(x, segments).features(carriedSilenceMs);
    }

    /**
     * What the chunk says on its own, without the session: everything but the pause that may cross its start.
     *
     * @param x        samples at 16 kHz in [-1, 1)
     * @param segments VAD speech segments in samples ([start, end)), sorted, non-overlapping
     */
    public static ProsodySample sample(float[] x, List<int[]> segments) {
        long durationMs = Pcm16.ms(x.length);
        long speechSamples = 0;
        for (int[] s : segments) {
            speechSamples += s[1] - s[0];
        }
        long speechMs = Pcm16.ms(speechSamples);
        Pauses pauses = pauses(x.length, segments);
        Frames frames = Frames.of(x, segments);
        Level level = level(frames, speechMs);
        double[] f0 = pitchTrack(x, frames);
        Pitch pitch = pitch(frames, f0);
        int syllables = countSyllables(x, segments, f0, frames.maxDb);
        double rate = speechMs >= MIN_SPEECH_MS_RATE ? syllables / (speechMs / 1000.0) : Double.NaN;
        return new ProsodySample(durationMs, speechMs, segments.size(), pauses.leadingMs, pauses.trailingMs,
                pauses.count, pauses.totalMs, syllables, pitch.voiced, pitch.hz, rate, level.db, level.sd,
                pitch.slope, pitch.st, pitch.sd);
    }

    /** Silence before the first and after the last segment, and the counted pauses between segments. */
    private record Pauses(long leadingMs, long trailingMs, int count, long totalMs) {}

    private static Pauses pauses(int samples, List<int[]> segments) {
        if (segments.isEmpty()) {
            long all = Pcm16.ms(samples);
            return new Pauses(all, all, 0, 0);
        }
        int count = 0;
        long total = 0;
        for (int i = 1; i < segments.size(); i++) {
            long gap = Pcm16.ms(segments.get(i)[0] - segments.get(i - 1)[1]);
            if (countsAsPause(gap)) {
                count++;
                total += gap;
            }
        }
        return new Pauses(Pcm16.ms(segments.get(0)[0]), Pcm16.ms(samples - segments.get(segments.size() - 1)[1]),
                count, total);
    }

    /** Whether a silence of this length is a counted pause (250 ms .. 3 s). */
    static boolean countsAsPause(long ms) {
        return ms >= MIN_PAUSE_MS && ms <= MAX_PAUSE_MS;
    }

    /** 25 ms energy frames every 10 ms: which lie in speech, their power and dB, the loudest speech frame. */
    private record Frames(int count, boolean[] inSpeech, double[] power, double[] db, double maxDb, int speech) {

        static Frames of(float[] x, List<int[]> segments) {
            int frames = x.length >= ENERGY_WINDOW ? (x.length - ENERGY_WINDOW) / HOP + 1 : 0;
            boolean[] inSpeech = new boolean[frames];
            double[] db = new double[frames];
            double[] power = new double[frames];
            double maxDb = Double.NEGATIVE_INFINITY;
            int speechFrames = 0;
            int seg = 0;
            for (int t = 0; t < frames; t++) {
                int centre = t * HOP + ENERGY_WINDOW / 2;
                while (seg < segments.size() && segments.get(seg)[1] <= centre) {
                    seg++;
                }
                inSpeech[t] = seg < segments.size() && segments.get(seg)[0] <= centre;
                power[t] = meanSquare(x, t * HOP, ENERGY_WINDOW);
                db[t] = 10 * Math.log10(power[t] + 1e-12);
                if (inSpeech[t]) {
                    speechFrames++;
                    maxDb = Math.max(maxDb, db[t]);
                }
            }
            return new Frames(frames, inSpeech, power, db, maxDb, speechFrames);
        }
    }

    /** Energy level (power mean over speech) and spread (SD of dB over active speech frames). */
    private record Level(double db, double sd) {}

    private static Level level(Frames f, long speechMs) {
        if (speechMs < MIN_SPEECH_MS_LEVEL || f.speech == 0) {
            return new Level(Double.NaN, Double.NaN);
        }
        double sumPower = 0;
        int active = 0;
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < f.count; t++) {
            if (!f.inSpeech[t]) {
                continue;
            }
            sumPower += f.power[t];
            if (f.db[t] >= f.maxDb - ACTIVE_RANGE_DB) {
                active++;
                sum += f.db[t];
                sumSq += f.db[t] * f.db[t];
            }
        }
        double sd = Double.NaN;
        if (active >= 2) {
            double mean = sum / active;
            sd = Math.sqrt(Math.max(0, sumSq / active - mean * mean));
        }
        return new Level(10 * Math.log10(sumPower / f.speech + 1e-12), sd);
    }

    /** F0 per energy frame by YIN on active speech frames; NaN where unvoiced or not tried. */
    private static double[] pitchTrack(float[] x, Frames f) {
        double[] f0 = new double[f.count];
        Arrays.fill(f0, Double.NaN);
        for (int t = 0; t < f.count; t++) {
            if (f.inSpeech[t] && f.db[t] >= f.maxDb - 30) {
                // centre the YIN frame on the energy frame's centre
                int start = t * HOP + ENERGY_WINDOW / 2 - PitchTracker.FRAME / 2;
                start = Math.max(0, Math.min(start, x.length - PitchTracker.FRAME));
                f0[t] = PitchTracker.estimate(x, start);
            }
        }
        return f0;
    }

    /** Median pitch (Hz and semitones re 100 Hz), its SD without octave errors, and the energy trend over voiced frames. */
    private record Pitch(int voiced, double hz, double st, double sd, double slope) {}

    private static Pitch pitch(Frames f, double[] f0) {
        int voiced = 0;
        for (double v : f0) {
            if (!Double.isNaN(v)) {
                voiced++;
            }
        }
        if (voiced < MIN_VOICED_FRAMES) {
            return new Pitch(voiced, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] st = new double[voiced];
        int k = 0;
        for (double v : f0) {
            if (!Double.isNaN(v)) {
                st[k++] = semitones(v);
            }
        }
        double medianSt = median(st);
        return new Pitch(voiced, 100 * Math.pow(2, medianSt / 12), medianSt, spreadNear(st, medianSt),
                energySlope(f, f0, voiced));
    }

    /** SD in semitones of the frames within 10 semitones of the median. */
    private static double spreadNear(double[] st, double medianSt) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (double v : st) {
            if (Math.abs(v - medianSt) <= 10) {
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        if (n < MIN_VOICED_FRAMES) {
            return Double.NaN;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }

    /** Least-squares dB per second over voiced frames; NaN over less than 0.3 s. */
    private static double energySlope(Frames f, double[] f0, int voiced) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        for (int t = 0; t < f.count; t++) {
            if (!Double.isNaN(f0[t])) {
                double sec = t * HOP / (double) Pcm16.SAMPLE_RATE;
                first = Double.isNaN(first) ? sec : first;
                last = sec;
                sx += sec;
                sy += f.db[t];
                sxx += sec * sec;
                sxy += sec * f.db[t];
            }
        }
        double den = voiced * sxx - sx * sx;
        return last - first >= 0.3 && den > 0 ? (voiced * sxy - sx * sy) / den : Double.NaN;
    }

    static int countSyllables(float[] x, List<int[]> segments, double[] f0, double maxDb) {
        if (segments.isEmpty() || Double.isInfinite(maxDb)) {
            return 0;
        }
        int frames = x.length >= INTENSITY_WINDOW ? (x.length - INTENSITY_WINDOW) / HOP + 1 : 0;
        double[] raw = new double[frames];
        for (int t = 0; t < frames; t++) {
            raw[t] = 10 * Math.log10(meanSquare(x, t * HOP, INTENSITY_WINDOW) + 1e-12);
        }
        double[] in = new double[frames];
        for (int t = 0; t < frames; t++) {
            double a = raw[Math.max(0, t - 1)];
            double b = raw[t];
            double c = raw[Math.min(frames - 1, t + 1)];
            in[t] = (a + b + c) / 3;
        }
        double floor = maxDb - PEAK_BELOW_MAX_DB;
        int count = 0;
        for (int[] s : segments) {
            // intensity frame t is centred at t*HOP + INTENSITY_WINDOW/2
            int from = Math.max(1, (s[0] - INTENSITY_WINDOW / 2 + HOP - 1) / HOP);
            int to = Math.min(frames - 2, (s[1] - INTENSITY_WINDOW / 2) / HOP);
            double lastPeak = Double.NaN;
            double dip = Double.POSITIVE_INFINITY;
            boolean lastCounted = false;
            for (int t = from; t <= to; t++) {
                dip = Math.min(dip, in[t]);
                boolean peak = in[t] >= in[t - 1] && in[t] > in[t + 1];
                if (!peak || in[t] < floor) {
                    continue;
                }
                if (!voicedNear(f0, t + (INTENSITY_WINDOW - ENERGY_WINDOW) / 2 / HOP)) {
                    continue;
                }
                if (Double.isNaN(lastPeak) || in[t] - dip >= MIN_DIP_DB) {
                    count++;
                    lastPeak = in[t];
                    lastCounted = true;
                    dip = in[t];
                } else if (lastCounted && in[t] > lastPeak) {
                    // same syllable, higher maximum: keep one nucleus, remember the higher peak
                    lastPeak = in[t];
                    dip = in[t];
                }
            }
        }
        return count;
    }

    private static boolean voicedNear(double[] f0, int t) {
        for (int k = t - 2; k <= t + 2; k++) {
            if (k >= 0 && k < f0.length && !Double.isNaN(f0[k])) {
                return true;
            }
        }
        return false;
    }

    static double meanSquare(float[] x, int from, int len) {
        double s = 0;
        int end = Math.min(x.length, from + len);
        for (int i = from; i < end; i++) {
            s += (double) x[i] * x[i];
        }
        return s / len;
    }

    static double semitones(double hz) {
        return 12 * Math.log(hz / 100) / Math.log(2);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
}
