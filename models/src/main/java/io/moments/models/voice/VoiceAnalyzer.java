package io.moments.models.voice;

import io.moments.models.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Voice chunk → speech segments, prosody, session-normalised features and label scores, in two public steps:
 *
 * <ol>
 *   <li><b>Extract</b> ({@link VoiceExtractor}, here {@link #extractAll}): decode PCM16 → Silero VAD (DJL,
 *       OnnxRuntime) → speech segments ({@link VadSettings}) → prosody in Java ({@link ProsodyExtractor}) → a
 *       {@link ProsodySample}. Stateless; the only step that sees audio.</li>
 *   <li><b>Score</b> ({@link #score}, static and pure): the sample and the session's {@link VoiceBaseline} →
 *       pauses completed with the carried silence → z-scores against the baseline → the hand-set logistic layer
 *       ({@link ProsodyWeights}) → {@code hesitation} and {@code arousal}, reported as the labels
 *       {@code hesitation} and {@code frustration} → a {@link VoiceScore} with the updated baseline.</li>
 * </ol>
 *
 * <p>The Flink job runs step 1 in its inference operator and step 2 in its session stage, where the baseline
 * is keyed state. {@link #analyze}/{@link #analyzeAll} run both on one thread for callers that keep the
 * baseline themselves (offline scoring, tests), with the logistic layer as a batched DJL block on the PyTorch
 * engine ({@link ProsodyModel}; within 1e-5 of {@link ProsodyWeights}).
 *
 * <p>Loads both models once; thread-safe: each calling thread gets its own pair of DJL predictors (created on
 * first use, all closed by {@link #close()}). The Silero state is reset for every chunk; the only memory
 * between a session's chunks is the {@link VoiceBaseline} the caller keeps and passes back.
 *
 * <p>Bad input throws {@link InvalidAudioException} (empty, odd byte length, more than {@link Pcm16#MAX_BYTES});
 * the caller turns it into a dead letter.
 */
public final class VoiceAnalyzer implements AutoCloseable {

    /** Labels this model reports. Everything else (confusion, trust, price, delight) is not heard in prosody. */
    public static final List<Label> LABELS = List.of(Label.HESITATION, Label.FRUSTRATION);
    /** Below this much speech a chunk yields segments and features but no labels (confidence 0). */
    public static final long MIN_SPEECH_MS_FOR_LABELS = 250;
    /** Share of the chunk's confidence that frustration (arousal) gets: prosody cannot tell its sign. */
    public static final double FRUSTRATION_CONFIDENCE = 0.5;
    /** Speech at which the speech part of the confidence saturates. */
    static final double FULL_CONFIDENCE_SPEECH_MS = 2000;
    /** Session chunks with pitch after which the history part of the confidence saturates. */
    static final double WARM_CHUNKS = 5;

    private final VoiceExtractor extractor;
    private final ProsodyModel prosody;
    private final Queue<AutoCloseable> runners = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ProsodyModel.Runner> local;
    private volatile boolean closed;

    public VoiceAnalyzer() {
        this(VadSettings.DEFAULTS);
    }

    public VoiceAnalyzer(VadSettings vadSettings) {
        this.extractor = new VoiceExtractor(vadSettings);
        try {
            this.prosody = ProsodyModel.load();
        } catch (RuntimeException e) {
            extractor.close();
            throw e;
        }
        this.local = ThreadLocal.withInitial(() -> {
            ProsodyModel.Runner p = prosody.newRunner();
            runners.add(p);
            return p;
        });
    }

    /** Checks a chunk against the audio_chunk contract; see {@link Pcm16#validate}. */
    public static void validate(byte[] pcm16le) {
        Pcm16.validate(pcm16le);
    }

    /** Step 1 for several chunks: their samples, stateless ({@link VoiceExtractor#extractAll}). */
    public List<ProsodySample> extractAll(List<byte[]> chunks) {
        return extractor.extractAll(chunks);
    }

    /**
     * Step 2, a pure function: one chunk's sample against its session's baseline → its features, z-scores,
     * scores, labels and confidence, and the baseline after it. No model handle, no engine: the logistic layer
     * is evaluated as arithmetic ({@link ProsodyWeights#DEFAULT}).
     *
     * @param sample   what {@link VoiceExtractor} measured in the chunk
     * @param baseline the session's baseline ({@link VoiceBaseline#empty()} for its first chunk; call
     *                 {@link VoiceBaseline#withoutCarriedSilence()} first when the chunk does not follow on
     *                 directly from the previous one)
     */
    public static VoiceScore score(ProsodySample sample, VoiceBaseline baseline) {
        VoiceBaseline before = baseline == null ? VoiceBaseline.empty() : baseline;
        ProsodyFeatures f = sample.features(before.carriedSilenceMs());
        double[] z = before.normalise(f);
        double[] out = ProsodyWeights.DEFAULT.apply(z);
        return assemble(f, z, out[ProsodyModel.HESITATION], out[ProsodyModel.AROUSAL], before);
    }

    /**
     * Analyses one chunk of a session (both steps).
     *
     * @param pcm16le  PCM16 little-endian mono 16 kHz, 2 .. 524,288 bytes
     * @param baseline the session's baseline ({@link VoiceBaseline#empty()} for its first chunk)
     * @throws InvalidAudioException for empty, odd-length or too long input
     */
    public VoiceResult analyze(byte[] pcm16le, VoiceBaseline baseline) {
        return analyzeAll(List.of(new VoiceRequest(pcm16le, baseline))).get(0);
    }

    /**
     * Analyses several chunks (normally of different sessions) with one batched VAD pass and one batched pass
     * of the logistic layer. Every chunk is validated first; the first invalid one throws (its index is in the
     * message), so callers that want per-chunk dead letters call {@link #validate} on each before batching. Two
     * chunks of the same session in one batch are each normalised against the baseline passed with them.
     */
    public List<VoiceResult> analyzeAll(List<VoiceRequest> requests) {
        List<float[]> audios = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                audios.add(Pcm16.decode(requests.get(i).pcm16le()));
            } catch (InvalidAudioException e) {
                throw new InvalidAudioException(e.reason(), "chunk " + i + ": " + e.getMessage());
            }
        }
        List<VoiceBaseline> baselines = new ArrayList<>(requests.size());
        for (VoiceRequest r : requests) {
            baselines.add(r.baseline() == null ? VoiceBaseline.empty() : r.baseline());
        }
        return analyzeSamples(audios, baselines);
    }

    /** Same as {@link #analyzeAll} for already decoded 16 kHz samples (used by the WAV scorer). */
    List<VoiceResult> analyzeSamples(List<float[]> audios, List<VoiceBaseline> baselines) {
        if (closed) {
            throw new IllegalStateException("VoiceAnalyzer is closed");
        }
        if (audios.isEmpty()) {
            return List.of();
        }
        List<VoiceExtractor.Extracted> extracted = extractor.extractSamples(audios);
        List<ProsodyFeatures> features = new ArrayList<>(audios.size());
        List<float[]> zs = new ArrayList<>(audios.size());
        for (int i = 0; i < audios.size(); i++) {
            ProsodyFeatures f = extracted.get(i).sample().features(baselines.get(i).carriedSilenceMs());
            double[] z = baselines.get(i).normalise(f);
            float[] zf = new float[z.length];
            for (int k = 0; k < z.length; k++) {
                zf[k] = (float) z[k];
            }
            features.add(f);
            zs.add(zf);
        }
        List<float[]> modelOut = local.get().score(zs);

        List<VoiceResult> results = new ArrayList<>(audios.size());
        for (int i = 0; i < audios.size(); i++) {
            float[] zf = zs.get(i);
            double[] z = new double[zf.length];
            for (int k = 0; k < zf.length; k++) {
                z[k] = zf[k];
            }
            float[] out = modelOut.get(i);
            VoiceScore score = assemble(features.get(i), z, out[ProsodyModel.HESITATION], out[ProsodyModel.AROUSAL],
                    baselines.get(i));
            List<SpeechSegment> segments = new ArrayList<>();
            for (int[] s : extracted.get(i).segments()) {
                segments.add(new SpeechSegment(Pcm16.ms(s[0]), Pcm16.ms(s[1])));
            }
            results.add(VoiceResult.of(segments, score));
        }
        return results;
    }

    /** Labels, confidence and the next baseline from a chunk's features, z-scores and layer outputs. */
    private static VoiceScore assemble(ProsodyFeatures f, double[] z, double hesitation, double arousal,
                                       VoiceBaseline before) {
        Map<String, Double> normalised = new LinkedHashMap<>();
        int measured = 0;
        for (Feature feature : Feature.values()) {
            if (!Double.isNaN(z[feature.ordinal()])) {
                normalised.put(feature.wireName(), z[feature.ordinal()]);
                measured++;
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> labels = new LinkedHashMap<>();
        Map<String, Double> labelConfidence = new LinkedHashMap<>();
        double confidence = 0;
        if (f.speechMs() >= MIN_SPEECH_MS_FOR_LABELS) {
            double speech = Math.min(1, f.speechMs() / FULL_CONFIDENCE_SPEECH_MS);
            double coverage = measured / (double) Feature.COUNT;
            double warmth = 0.5 + 0.5 * Math.min(1, before.count(Feature.PITCH_ST) / WARM_CHUNKS);
            confidence = speech * coverage * warmth;
            scores.put("hesitation", hesitation);
            scores.put("arousal", arousal);
            labels.put(Label.HESITATION.wireName(), hesitation);
            labels.put(Label.FRUSTRATION.wireName(), arousal);
            labelConfidence.put(Label.HESITATION.wireName(), confidence);
            labelConfidence.put(Label.FRUSTRATION.wireName(), confidence * FRUSTRATION_CONFIDENCE);
        }
        return new VoiceScore(f, normalised, scores, labels, labelConfidence, confidence, before.update(f));
    }

    @Override
    public void close() {
        closed = true;
        AutoCloseable c;
        while ((c = runners.poll()) != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing native handles; nothing useful to do on failure
            }
        }
        prosody.close();
        extractor.close();
    }
}
