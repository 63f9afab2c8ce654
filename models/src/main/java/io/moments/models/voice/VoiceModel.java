package io.moments.models.voice;

import io.moments.models.EmotionModel;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.Modality;
import io.moments.models.ModelVersion;
import io.moments.models.Signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The voice model as the job uses it, in its two steps:
 *
 * <ol>
 *   <li>{@link #extract}, where the audio is (the inference operator, before the stream is keyed by
 *       session): each chunk's {@link ProsodySample}, or the {@link InvalidAudioException.Reason} it was
 *       refused for. Loads Silero VAD only.</li>
 *   <li>{@link #scoreInSession}, static and pure, where the session's {@link VoiceBaseline} is (the session
 *       stage): the chunk's {@link Signal} against that baseline, and the baseline after it. Frustration
 *       (arousal) carries half the chunk's confidence ({@link Signal#labelConfidence}).</li>
 * </ol>
 *
 * <p>Behind {@link EmotionModel#score} it does both, each chunk as the first of a new session (the population
 * baseline): what a caller that keeps no session state gets. The job does not use that path.
 */
public final class VoiceModel implements EmotionModel<byte[]> {

    public static final String NAME = "silero-vad+prosody";

    private final VoiceExtractor extractor;

    /** Step 1's answer for one chunk: its sample, or why it was refused (reason code, then a message). */
    public record Extraction(ProsodySample sample, String rejection) {
    }

    /**
     * Step 2's answer for one chunk: its signal for the session's labels, and the full score with the
     * baseline to keep for the session's next chunk ({@link VoiceScore#baseline}).
     */
    public record InSession(Signal signal, VoiceScore score) {
    }

    private VoiceModel(VoiceExtractor extractor) {
        this.extractor = extractor;
    }

    public static VoiceModel load() {
        return new VoiceModel(new VoiceExtractor());
    }

    @Override
    public Modality modality() {
        return Modality.VOICE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public Set<Label> measures() {
        return EnumSet.copyOf(VoiceAnalyzer.LABELS);
    }

    /** Step 1: one answer per chunk, in order; one refused chunk never costs the others theirs. */
    public List<Extraction> extract(List<byte[]> chunks) {
        Extraction[] out = new Extraction[chunks.size()];
        List<byte[]> valid = new ArrayList<>(chunks.size());
        List<Integer> places = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                VoiceAnalyzer.validate(chunks.get(i));
                valid.add(chunks.get(i));
                places.add(i);
            } catch (InvalidAudioException e) {
                out[i] = new Extraction(null, e.reason().wireName() + ": " + e.getMessage());
            }
        }
        List<ProsodySample> samples = valid.isEmpty() ? List.of() : extractor.extractAll(valid);
        for (int j = 0; j < places.size(); j++) {
            out[places.get(j)] = new Extraction(samples.get(j), null);
        }
        return Arrays.asList(out);
    }

    /**
     * Step 2, a pure function ({@link VoiceAnalyzer#score}): the chunk's signal against its session's baseline.
     *
     * @param baseline the session's baseline; {@link VoiceBaseline#empty()} (or null) for its first chunk
     */
    public static InSession scoreInSession(ProsodySample sample, VoiceBaseline baseline) {
        VoiceScore score = VoiceAnalyzer.score(sample, baseline);
        return new InSession(signal(score), score);
    }

    @Override
    public List<Scored> score(List<byte[]> chunks) {
        List<Scored> out = new ArrayList<>(chunks.size());
        for (Extraction e : extract(chunks)) {
            out.add(e.sample() == null ? Scored.rejected(e.rejection())
                    : Scored.of(scoreInSession(e.sample(), VoiceBaseline.empty()).signal()));
        }
        return out;
    }

    private static Signal signal(VoiceScore s) {
        LabelScores scores = LabelScores.ZERO;
        LabelScores confidence = LabelScores.ZERO;
        List<Label> measured = new ArrayList<>();
        for (Map.Entry<String, Double> e : s.labels().entrySet()) {
            Label label = Label.fromWireName(e.getKey());
            scores = scores.with(label, e.getValue());
            confidence = confidence.with(label, s.labelConfidence().get(e.getKey()));
            measured.add(label);
        }
        return new Signal(Modality.VOICE, scores, Signal.bits(measured), s.confidence(), NAME, Version.VALUE,
                confidence);
    }

    @Override
    public void close() {
        extractor.close();
    }

    /** The weights' identity, read once per JVM when first asked for (step 2 runs without a loaded model). */
    private static final class Version {
        static final String VALUE = ModelVersion.of(SileroVad.RESOURCE.substring(1), ProsodyModel.WEIGHTS.substring(1));
    }
}
