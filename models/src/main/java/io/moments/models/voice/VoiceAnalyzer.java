package io.moments.models.voice;

import io.moments.models.DjlDefaults;
import io.moments.models.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Voice chunk → speech segments, prosody, session-normalised features and label scores.
 *
 * <p>Pipeline: decode PCM16 → Silero VAD (DJL, OnnxRuntime) → speech segments ({@link VadSettings}) → prosody
 * in Java ({@link ProsodyExtractor}) → z-scores against the session's {@link VoiceBaseline} → hand-set logistic
 * layer (DJL, PyTorch; {@link ProsodyModel}) → {@code hesitation} and {@code arousal}, reported as the labels
 * {@code hesitation} and {@code frustration}.
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
    /** Speech at which the speech part of the confidence saturates. */
    static final double FULL_CONFIDENCE_SPEECH_MS = 2000;
    /** Session chunks with pitch after which the history part of the confidence saturates. */
    static final double WARM_CHUNKS = 5;

    private final VadSettings vadSettings;
    private final SileroVad vad;
    private final ProsodyModel prosody;
    private final Queue<AutoCloseable> runners = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Runners> local;
    private volatile boolean closed;

    private record Runners(SileroVad.Runner vad, ProsodyModel.Runner prosody) {
    }

    public VoiceAnalyzer() {
        this(VadSettings.DEFAULTS);
    }

    public VoiceAnalyzer(VadSettings vadSettings) {
        DjlDefaults.apply();
        this.vadSettings = vadSettings;
        this.vad = SileroVad.load();
        try {
            this.prosody = ProsodyModel.load();
        } catch (RuntimeException e) {
            vad.close();
            throw e;
        }
        this.local = ThreadLocal.withInitial(() -> {
            SileroVad.Runner v = vad.newRunner();
            ProsodyModel.Runner p = prosody.newRunner();
            runners.add(v);
            runners.add(p);
            return new Runners(v, p);
        });
    }

    /** Checks a chunk against the audio_chunk contract; see {@link Pcm16#validate}. */
    public static void validate(byte[] pcm16le) {
        Pcm16.validate(pcm16le);
    }

    /**
     * Analyses one chunk of a session.
     *
     * @param pcm16le  PCM16 little-endian mono 16 kHz, 2 .. 524,288 bytes
     * @param baseline the session's baseline ({@link VoiceBaseline#empty()} for its first chunk)
     * @throws InvalidAudioException for empty, odd-length or too long input
     */
    public VoiceResult analyze(byte[] pcm16le, VoiceBaseline baseline) {
        return analyzeAll(List.of(new VoiceRequest(pcm16le, baseline))).get(0);
    }

    /**
     * Analyses several chunks (normally of different sessions) with one batched VAD pass. Every chunk is
     * validated first; the first invalid one throws (its index is in the message), so callers that want
     * per-chunk dead letters call {@link #validate} on each before batching. Two chunks of the same session in
     * one batch are each normalised against the baseline passed with them.
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
        Runners r = local.get();
        List<float[]> probabilities = r.vad().probabilities(audios);

        List<ProsodyFeatures> features = new ArrayList<>();
        List<List<int[]>> segments = new ArrayList<>();
        List<float[]> zs = new ArrayList<>();
        for (int i = 0; i < audios.size(); i++) {
            float[] x = audios.get(i);
            List<int[]> segs = SileroVad.segments(probabilities.get(i), x.length, vadSettings);
            ProsodyFeatures f = ProsodyExtractor.extract(x, segs, baselines.get(i).carriedSilenceMs());
            double[] z = baselines.get(i).normalise(f);
            float[] zf = new float[z.length];
            for (int k = 0; k < z.length; k++) {
                zf[k] = (float) z[k];
            }
            segments.add(segs);
            features.add(f);
            zs.add(zf);
        }
        List<float[]> modelOut = r.prosody().score(zs);

        List<VoiceResult> results = new ArrayList<>(audios.size());
        for (int i = 0; i < audios.size(); i++) {
            results.add(result(features.get(i), segments.get(i), zs.get(i), modelOut.get(i), baselines.get(i)));
        }
        return results;
    }

    private static VoiceResult result(ProsodyFeatures f, List<int[]> segs, float[] z, float[] out, VoiceBaseline before) {
        List<SpeechSegment> segments = new ArrayList<>(segs.size());
        for (int[] s : segs) {
            segments.add(new SpeechSegment(Pcm16.ms(s[0]), Pcm16.ms(s[1])));
        }
        Map<String, Double> normalised = new LinkedHashMap<>();
        int measured = 0;
        for (Feature feature : Feature.values()) {
            if (!Float.isNaN(z[feature.ordinal()])) {
                normalised.put(feature.wireName(), (double) z[feature.ordinal()]);
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
            double hesitation = out[ProsodyModel.HESITATION];
            double arousal = out[ProsodyModel.AROUSAL];
            scores.put("hesitation", hesitation);
            scores.put("arousal", arousal);
            labels.put(Label.HESITATION.wireName(), hesitation);
            labels.put(Label.FRUSTRATION.wireName(), arousal);
            labelConfidence.put(Label.HESITATION.wireName(), confidence);
            labelConfidence.put(Label.FRUSTRATION.wireName(), confidence * 0.5);
        }
        return new VoiceResult(f.durationMs(), segments, f, normalised, scores, labels, labelConfidence, confidence,
                before.update(f));
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
        vad.close();
    }
}
