package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The whole pipeline on the committed synthetic-speech fixtures and on synthetic non-speech. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceAnalyzerTest {

    private VoiceAnalyzer analyzer;

    @BeforeAll
    void load() {
        Fixtures.ensureTmpDir();
        analyzer = new VoiceAnalyzer();
    }

    @AfterAll
    void close() {
        analyzer.close();
    }

    private VoiceResult analyze(String fixture) {
        return analyzer.analyze(Fixtures.pcm(fixture), VoiceBaseline.empty());
    }

    private VoiceResult analyze(float[] x) {
        return analyzer.analyze(Pcm16.encode(x), VoiceBaseline.empty());
    }

    /**
     * A baseline of this voice speaking normally: the fluent fixture cut into 1 s chunks, twice over; the
     * silence after its last chunk is forgotten, as if the next chunk came after a gap.
     */
    private VoiceBaseline fluentBaseline() {
        VoiceBaseline b = VoiceBaseline.empty();
        byte[] pcm = Fixtures.pcm("fluent");
        for (int round = 0; round < 2; round++) {
            for (int from = 0; from + 32000 <= pcm.length; from += 32000) {
                b = analyzer.analyze(Arrays.copyOfRange(pcm, from, from + 32000), b).baseline();
            }
            b = b.withoutCarriedSilence();
        }
        return b;
    }

    @Test
    void vadFindsSpeechInEverySpeechFixture() {
        for (String name : List.of("fluent", "fluent_f", "hesitant", "calm", "agitated")) {
            VoiceResult r = analyze(name);
            assertThat(r.segments()).as(name).isNotEmpty();
            assertThat(r.speechMs()).as(name).isGreaterThan(r.durationMs() / 2);
        }
        // the hesitant fixture has six inserted pauses of 0.7..1.2 s: they split the speech
        assertThat(analyze("hesitant").segments()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(analyze("fluent").segments()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void vadFindsNoSpeechInSilenceNoiseOrHum() {
        List<float[]> nonSpeech = List.of(
                new float[3 * Pcm16.SAMPLE_RATE],
                Fixtures.whiteNoise(3, 0.02, 1),
                Fixtures.whiteNoise(3, 0.2, 2),
                Fixtures.brownNoise(3, 0.05, 3),
                Fixtures.tone(50, 3, 0.1)); // mains hum
        for (float[] x : nonSpeech) {
            VoiceResult r = analyze(x);
            assertThat(r.segments()).isEmpty();
            assertThat(r.labels()).isEmpty();
            assertThat(r.confidence()).isZero();
        }
    }

    @Test
    void speechIsStillFoundUnderModerateNoise() {
        float[] x = Fixtures.samples("fluent");
        float[] noise = Fixtures.whiteNoise(x.length / (double) Pcm16.SAMPLE_RATE, 0.01, 4);
        for (int i = 0; i < x.length; i++) {
            x[i] += noise[i];
        }
        assertThat(analyze(x).speechMs()).isGreaterThan(3000);
    }

    @Test
    void segmentsAreInMillisecondsWithinTheChunk() {
        float[] speech = Fixtures.samples("fluent");
        float[] x = Fixtures.concat(new float[Pcm16.SAMPLE_RATE], speech, new float[Pcm16.SAMPLE_RATE]);
        VoiceResult r = analyze(x);
        assertThat(r.durationMs()).isEqualTo(Pcm16.ms(x.length));
        SpeechSegment first = r.segments().get(0);
        SpeechSegment last = r.segments().get(r.segments().size() - 1);
        assertThat(first.startMs()).isBetween(900L, 1300L);
        assertThat(last.endMs()).isBetween(5600L, 6100L);
    }

    @Test
    void slowPausedSpeechHasMorePausesAndALowerRateThanFluentSpeech() {
        ProsodyFeatures fluent = analyze("fluent").features();
        ProsodyFeatures hesitant = analyze("hesitant").features();
        assertThat(hesitant.pauseCount()).isGreaterThanOrEqualTo(5);
        assertThat(fluent.pauseCount()).isZero();
        assertThat(hesitant.pauseRatio()).isGreaterThan(fluent.pauseRatio() + 0.2);
        assertThat(hesitant.meanPauseMs()).isBetween(500.0, 1300.0);
        assertThat(hesitant.syllableRate()).isLessThan(fluent.syllableRate() * 0.75);
    }

    @Test
    void syllableNucleiCountIsCloseToTheTrueSyllableCount() {
        // "I would like to order the blue jacket in medium and have it delivered to my office on Friday." = 27
        for (String name : List.of("fluent", "fluent_f", "hesitant")) {
            assertThat(analyze(name).features().syllables()).as(name).isBetween(23, 31);
        }
    }

    @Test
    void hesitationIsHigherForSlowPausedSpeech() {
        VoiceBaseline baseline = fluentBaseline();
        VoiceResult fluent = analyzer.analyze(Fixtures.pcm("fluent"), baseline);
        VoiceResult hesitant = analyzer.analyze(Fixtures.pcm("hesitant"), baseline);
        assertThat(hesitant.labels().get("hesitation")).isGreaterThan(0.7);
        assertThat(fluent.labels().get("hesitation")).isLessThan(0.3);
        // also for a new session (population priors only)
        assertThat(analyze("hesitant").labels().get("hesitation"))
                .isGreaterThan(analyze("fluent").labels().get("hesitation") + 0.4);
    }

    @Test
    void arousalIsHigherForHigherLouderMoreVariedSpeech() {
        VoiceBaseline baseline = fluentBaseline();
        VoiceResult calm = analyzer.analyze(Fixtures.pcm("calm"), baseline);
        VoiceResult agitated = analyzer.analyze(Fixtures.pcm("agitated"), baseline);
        assertThat(agitated.features().pitchSt()).isGreaterThan(calm.features().pitchSt() + 3);
        assertThat(agitated.features().pitchSdSt()).isGreaterThan(calm.features().pitchSdSt() * 2);
        assertThat(agitated.features().energyDb()).isGreaterThan(calm.features().energyDb() + 6);
        assertThat(agitated.scores().get("arousal")).isGreaterThan(0.7);
        assertThat(calm.scores().get("arousal")).isLessThan(0.1);
        assertThat(agitated.labels().get("frustration")).isEqualTo(agitated.scores().get("arousal"));
        assertThat(agitated.labelConfidence().get("frustration"))
                .isCloseTo(agitated.confidence() / 2, within(1e-9));
    }

    @Test
    void pausesSplitByChunkBoundariesAreCountedOnce() {
        byte[] pcm = Fixtures.pcm("hesitant");
        int whole = analyze("hesitant").features().pauseCount();
        VoiceBaseline b = VoiceBaseline.empty();
        int chunked = 0;
        for (int from = 0; from < pcm.length; from += 32000) {
            VoiceResult r = analyzer.analyze(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 32000)), b);
            chunked += r.features().pauseCount();
            b = r.baseline();
        }
        assertThat(chunked).isBetween(whole - 1, whole + 1);
        assertThat(b.chunks()).isEqualTo((pcm.length + 31999) / 32000);
    }

    @Test
    void confidenceGrowsWithSpeechAndSessionHistory() {
        byte[] pcm = Fixtures.pcm("fluent");
        VoiceResult short1 = analyzer.analyze(Arrays.copyOf(pcm, 16000), VoiceBaseline.empty()); // 0.5 s
        VoiceResult full = analyzer.analyze(pcm, VoiceBaseline.empty());
        VoiceResult warm = analyzer.analyze(pcm, fluentBaseline());
        assertThat(short1.confidence()).isLessThan(full.confidence());
        assertThat(full.confidence()).isLessThan(warm.confidence());
        assertThat(warm.confidence()).isBetween(0.8, 1.0);
        assertThat(full.labels().keySet()).containsExactly("hesitation", "frustration");
    }

    @Test
    void rejectsMalformedChunks() {
        assertThatThrownBy(() -> analyzer.analyze(new byte[1001], VoiceBaseline.empty()))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.ODD_LENGTH));
        assertThatThrownBy(() -> analyzer.analyze(new byte[0], VoiceBaseline.empty()))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.EMPTY));
        assertThatThrownBy(() -> analyzer.analyze(new byte[Pcm16.MAX_BYTES + 2], VoiceBaseline.empty()))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.TOO_LONG));
        assertThatThrownBy(() -> analyzer.analyzeAll(List.of(
                new VoiceRequest(new byte[3200], VoiceBaseline.empty()),
                new VoiceRequest(new byte[33], VoiceBaseline.empty()))))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("chunk 1");
        // a tiny valid chunk is fine: no speech, no labels
        assertThat(analyzer.analyze(new byte[2], VoiceBaseline.empty()).segments()).isEmpty();
    }

    @Test
    void batchedAndConcurrentCallsMatchSingleCalls() throws Exception {
        List<String> names = List.of("fluent", "calm", "agitated", "fluent_f");
        List<VoiceResult> single = new ArrayList<>();
        List<VoiceRequest> requests = new ArrayList<>();
        for (String n : names) {
            single.add(analyze(n));
            requests.add(new VoiceRequest(Fixtures.pcm(n), VoiceBaseline.empty()));
        }
        List<VoiceResult> batched = analyzer.analyzeAll(requests);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<VoiceResult>> futures = new ArrayList<>();
            for (String n : names) {
                futures.add(pool.submit(() -> analyze(n)));
            }
            for (int i = 0; i < names.size(); i++) {
                assertSame(single.get(i), batched.get(i));
                assertSame(single.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSame(VoiceResult a, VoiceResult b) {
        assertThat(b.segments()).isEqualTo(a.segments());
        assertThat(b.features().syllables()).isEqualTo(a.features().syllables());
        assertThat(b.labels().get("hesitation")).isCloseTo(a.labels().get("hesitation"), within(1e-4));
        assertThat(b.labels().get("frustration")).isCloseTo(a.labels().get("frustration"), within(1e-4));
    }

    @Test
    void theDjlModelComputesTheDocumentedLogisticLayer() {
        try (ProsodyModel model = ProsodyModel.load(); ProsodyModel.Runner runner = model.newRunner()) {
            float[][] w = model.weights();
            float[] b = model.bias();
            float[][] inputs = {
                new float[Feature.COUNT],
                {2, 1.5f, -1.5f, -0.5f, 0, -1, 0, -0.5f},
                {-0.5f, 0, 1, 2, 1, 0, 2.5f, 2},
                {9, Float.NaN, -9, 0, 0, 0, 0, 0},
            };
            for (float[] z : inputs) {
                float[] out = runner.score(z);
                float[] ref = ProsodyModel.reference(w, b, z);
                assertThat(out[0]).isCloseTo(ref[0], within(1e-5f));
                assertThat(out[1]).isCloseTo(ref[1], within(1e-5f));
                // the arithmetic layer of the pure step (the job's session stage) reads the same weights
                double[] zd = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    zd[i] = z[i];
                }
                double[] pure = ProsodyWeights.DEFAULT.apply(zd);
                assertThat(pure[0]).isCloseTo(out[0], within(1e-5));
                assertThat(pure[1]).isCloseTo(out[1], within(1e-5));
            }
            assertThat(runner.score(new float[Feature.COUNT])[0]).isCloseTo(0.168f, within(0.01f));
        }
    }

    /** The fixture in 1 s chunks (the last one shorter), PCM16. */
    private static List<byte[]> chunks(String fixture) {
        byte[] pcm = Fixtures.pcm(fixture);
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += 32000) {
            out.add(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 32000)));
        }
        return out;
    }

    @Test
    void extractThenScoreIsTheWholePipelineChunkByChunk() {
        VoiceBaseline whole = VoiceBaseline.empty();
        VoiceBaseline steps = VoiceBaseline.empty();
        for (String fixture : List.of("hesitant", "fluent")) {
            for (byte[] chunk : chunks(fixture)) {
                VoiceResult r = analyzer.analyze(chunk, whole);
                ProsodySample sample = analyzer.extractAll(List.of(chunk)).get(0);
                VoiceScore s = VoiceAnalyzer.score(sample, steps);
                assertThat(s.features()).isEqualTo(r.features());
                assertThat(s.baseline()).isEqualTo(r.baseline());
                assertThat(s.labelConfidence()).isEqualTo(r.labelConfidence());
                assertThat(s.labels().keySet()).isEqualTo(r.labels().keySet());
                for (String label : r.labels().keySet()) {
                    assertThat(s.labels().get(label)).isCloseTo(r.labels().get(label), within(1e-5));
                }
                assertThat(sample.segments()).isEqualTo(r.segments().size());
                whole = r.baseline();
                steps = s.baseline();
            }
        }
        assertThat(steps.chunks()).isEqualTo(chunks("hesitant").size() + chunks("fluent").size());
    }

    /** Mean arousal of the fixture's 1 s chunks after the first: in one session from {@code baseline}, or each chunk in a new one. */
    private double meanArousal(String fixture, VoiceBaseline[] baseline, boolean session) {
        double sum = 0;
        int n = 0;
        for (byte[] chunk : chunks(fixture)) {
            ProsodySample sample = analyzer.extractAll(List.of(chunk)).get(0);
            VoiceScore s = VoiceAnalyzer.score(sample, session ? baseline[0] : VoiceBaseline.empty());
            boolean first = baseline[0].chunks() == 0;
            baseline[0] = s.baseline();
            if (!first && s.scores().containsKey("arousal")) {
                sum += s.scores().get("arousal");
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void arousalAgainstTheSessionBaselineIsSpeakerRelative() {
        double high = meanArousal("calm_high", new VoiceBaseline[] {VoiceBaseline.empty()}, true);
        double low = meanArousal("calm_low", new VoiceBaseline[] {VoiceBaseline.empty()}, true);
        double highNew = meanArousal("calm_high", new VoiceBaseline[] {VoiceBaseline.empty()}, false);
        double lowNew = meanArousal("calm_low", new VoiceBaseline[] {VoiceBaseline.empty()}, false);
        // every chunk a new session: the high voice sounds aroused, the low one not at all
        assertThat(highNew - lowNew).isGreaterThan(0.15);
        // in their own sessions both sound as usual
        assertThat(Math.abs(high - low)).isLessThan(0.06);
        VoiceBaseline[] lowSession = {VoiceBaseline.empty()};
        double calm = meanArousal("calm_low", lowSession, true);
        double agitated = meanArousal("agitated_low", lowSession, true);
        assertThat(agitated).isGreaterThan(calm + 0.4);
    }
}
