package io.moments.models.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures in models/voice/MODEL_CARD.md. Not part of the normal test run; run with
 * <pre>
 * models/voice/scripts/make_fixtures.sh --sweep SWEEP_DIR
 * ./mvnw -o -pl models test -Dtest=VoiceValidationReport -Dvoice.sweep=SWEEP_DIR
 * </pre>
 * (an absolute SWEEP_DIR). Prints markdown tables; throughput runs on the calling thread only.
 */
@EnabledIfSystemProperty(named = "voice.sweep", matches = ".+")
class VoiceValidationReport {

    private static final String[] VOICES = {"en-us", "en-us_f3", "en-gb", "en-us_m3"};
    private static final int SYLLABLES = 27;

    @Test
    void report() throws IOException {
        Fixtures.ensureTmpDir();
        Path dir = Path.of(System.getProperty("voice.sweep"));
        try (VoiceAnalyzer a = new VoiceAnalyzer()) {
            rates(a, dir);
            labels(a, dir);
            noise(a);
            throughput(a);
        }
    }

    private static float[] read(Path p) throws IOException {
        return WavAudio.read(p).samples();
    }

    private static VoiceResult whole(VoiceAnalyzer a, float[] x, VoiceBaseline b) {
        return a.analyzeSamples(List.of(x), List.of(b)).get(0);
    }

    /** The same voice's fluent reading, in 1 s chunks, as the session history. */
    private static VoiceBaseline baseline(VoiceAnalyzer a, float[] fluent) {
        VoiceBaseline b = VoiceBaseline.empty();
        for (int from = 0; from + 16000 <= fluent.length; from += 16000) {
            b = whole(a, Arrays.copyOfRange(fluent, from, from + 16000), b).baseline();
        }
        return b.withoutCarriedSilence();
    }

    private static void rates(VoiceAnalyzer a, Path dir) throws IOException {
        System.out.println("\n### Speech rate (espeak-ng -s WPM; the sentence has " + SYLLABLES + " syllables)\n");
        System.out.println("| voice | wpm | syllables found | speech s | syllables / s of speech |");
        System.out.println("|---|---|---|---|---|");
        double absErr = 0;
        int n = 0;
        int monotone = 0;
        for (String v : VOICES) {
            double prev = 0;
            boolean up = true;
            for (int wpm : new int[] {100, 130, 160, 190, 220}) {
                ProsodyFeatures f = whole(a, read(dir.resolve("rate_" + v + "_" + wpm + ".wav")), VoiceBaseline.empty()).features();
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f |%n", v, wpm, f.syllables(), f.speechMs() / 1000.0, f.syllableRate());
                absErr += Math.abs(f.syllables() - SYLLABLES);
                n++;
                up &= f.syllableRate() > prev;
                prev = f.syllableRate();
            }
            monotone += up ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nmean |syllables found - %d| = %.2f over %d files; rate strictly increasing with wpm for %d of %d voices%n",
                SYLLABLES, absErr / n, n, monotone, VOICES.length);
    }

    private static void labels(VoiceAnalyzer a, Path dir) throws IOException {
        System.out.println("\n### Pauses, rate and scores per voice (whole file as one chunk)\n");
        System.out.println("| voice | fixture | pauses | pause ratio | syl/s | F0 Hz | F0 sd st | level dB | hesitation (new session) | arousal (new session) | hesitation (after fluent) | arousal (after fluent) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        int hesOk = 0;
        int arOk = 0;
        for (String v : VOICES) {
            float[] fluent = read(dir.resolve("fluent_" + v + ".wav"));
            VoiceBaseline base = baseline(a, fluent);
            double[] hes = new double[4];
            double[] ar = new double[4];
            String[] names = {"fluent", "hesitant", "calm", "agitated"};
            for (int i = 0; i < names.length; i++) {
                float[] x = read(dir.resolve(names[i] + "_" + v + ".wav"));
                VoiceResult cold = whole(a, x, VoiceBaseline.empty());
                VoiceResult warm = whole(a, x, base);
                ProsodyFeatures f = cold.features();
                hes[i] = warm.scores().get("hesitation");
                ar[i] = warm.scores().get("arousal");
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.0f | %.2f | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
                        v, names[i], f.pauseCount(), f.pauseRatio(), f.syllableRate(), f.pitchHz(), f.pitchSdSt(), f.energyDb(),
                        cold.scores().get("hesitation"), cold.scores().get("arousal"), hes[i], ar[i]);
            }
            hesOk += hes[1] > Math.max(Math.max(hes[0], hes[2]), hes[3]) ? 1 : 0;
            arOk += ar[3] > Math.max(Math.max(ar[0], ar[1]), ar[2]) && ar[2] < ar[0] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nhesitant has the highest hesitation (after fluent) for %d of %d voices; agitated highest and calm below fluent on arousal for %d of %d%n",
                hesOk, VOICES.length, arOk, VOICES.length);
    }

    private static void noise(VoiceAnalyzer a) {
        System.out.println("\n### VAD under white noise (fluent fixture, en-us)\n");
        System.out.println("| SNR dB | speech ms | segments | syllables | hesitation (new session) |");
        System.out.println("|---|---|---|---|---|");
        float[] clean = Fixtures.samples("fluent");
        double power = ProsodyExtractor.meanSquare(clean, 0, clean.length);
        for (double snr : new double[] {Double.POSITIVE_INFINITY, 30, 20, 10, 5, 0}) {
            float[] x = clean.clone();
            if (!Double.isInfinite(snr)) {
                float[] n = Fixtures.whiteNoise(x.length / 16000.0, Math.sqrt(power / Math.pow(10, snr / 10)), 11);
                for (int i = 0; i < x.length; i++) {
                    x[i] += n[i];
                }
            }
            VoiceResult r = whole(a, x, VoiceBaseline.empty());
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s |%n", Double.isInfinite(snr) ? "clean" : String.valueOf((int) snr),
                    r.speechMs(), r.segments().size(), r.features().syllables(),
                    r.scores().isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", r.scores().get("hesitation")));
        }
        System.out.println("\n| non-speech (3 s) | speech ms |");
        System.out.println("|---|---|");
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"digital silence", new float[48000]});
        cases.add(new Object[] {"white noise -34 dBFS", Fixtures.whiteNoise(3, 0.02, 1)})
        ;
        cases.add(new Object[] {"white noise -14 dBFS", Fixtures.whiteNoise(3, 0.2, 2)});
        cases.add(new Object[] {"brown noise -26 dBFS", Fixtures.brownNoise(3, 0.05, 3)});
        cases.add(new Object[] {"50 Hz hum", Fixtures.tone(50, 3, 0.1)});
        cases.add(new Object[] {"440 Hz tone", Fixtures.tone(440, 3, 0.1)});
        cases.add(new Object[] {"150 Hz buzz (10 harmonics)", Fixtures.buzz(150, 3, 0.1)});
        for (Object[] c : cases) {
            System.out.printf(Locale.ROOT, "| %s | %d |%n", c[0], whole(a, (float[]) c[1], VoiceBaseline.empty()).speechMs());
        }
    }

    private static void throughput(VoiceAnalyzer a) {
        float[] speech = Fixtures.samples("hesitant");
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from + 16000 <= speech.length; from += 16000) {
            chunks.add(Pcm16.encode(Arrays.copyOfRange(speech, from, from + 16000)));
        }
        System.out.println("\n### Throughput, one thread (1 s chunks of the hesitant fixture)\n");
        System.out.println("| mode | ms per 1 s chunk | audio seconds per second |");
        System.out.println("|---|---|---|");
        // warm up
        for (int i = 0; i < 3; i++) {
            for (byte[] c : chunks) {
                a.analyze(c, VoiceBaseline.empty());
            }
        }
        int reps = 10;
        long t0 = System.nanoTime();
        VoiceBaseline b = VoiceBaseline.empty();
        for (int r = 0; r < reps; r++) {
            for (byte[] c : chunks) {
                b = a.analyze(c, b).baseline();
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / (reps * chunks.size());
        System.out.printf(Locale.ROOT, "| analyze, one chunk per call | %.2f | %.0f |%n", ms, 1000 / ms);
        for (int batch : new int[] {4, 13}) {
            List<VoiceRequest> reqs = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                reqs.add(new VoiceRequest(chunks.get(i % chunks.size()), VoiceBaseline.empty()));
            }
            for (int i = 0; i < 3; i++) {
                a.analyzeAll(reqs);
            }
            t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                a.analyzeAll(reqs);
            }
            ms = (System.nanoTime() - t0) / 1e6 / (reps * batch);
            System.out.printf(Locale.ROOT, "| analyzeAll, batch of %d | %.2f | %.0f |%n", batch, ms, 1000 / ms);
        }
        // components
        float[] x = Pcm16.decode(chunks.get(3));
        try (SileroVad vad = SileroVad.load(); SileroVad.Runner r = vad.newRunner()) {
            for (int i = 0; i < 20; i++) {
                r.probabilities(x);
            }
            t0 = System.nanoTime();
            float[] p = null;
            for (int i = 0; i < 100; i++) {
                p = r.probabilities(x);
            }
            double vadMs = (System.nanoTime() - t0) / 1e6 / 100;
            List<int[]> segs = SileroVad.segments(p, x.length, VadSettings.DEFAULTS);
            for (int i = 0; i < 20; i++) {
                ProsodyExtractor.extract(x, segs, -1);
            }
            t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                ProsodyExtractor.extract(x, segs, -1);
            }
            double prosMs = (System.nanoTime() - t0) / 1e6 / 100;
            System.out.printf(Locale.ROOT, "%ncomponents per 1 s chunk: Silero VAD %.2f ms (%d windows), prosody %.2f ms%n", vadMs, p.length, prosMs);
        }
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
    }
}
