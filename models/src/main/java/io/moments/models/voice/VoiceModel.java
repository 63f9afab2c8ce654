package io.moments.models.voice;

import io.moments.models.EmotionModel;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.Modality;
import io.moments.models.ModelVersion;
import io.moments.models.Signal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The voice model behind {@link EmotionModel}: PCM16 chunks in, each normalised against the empty
 * (population) baseline, since chunks reach it before the session is keyed; a chunk that breaks the
 * audio_chunk contract is refused with its {@link InvalidAudioException.Reason}.
 */
public final class VoiceModel implements EmotionModel<byte[]> {

    public static final String NAME = "silero-vad+prosody";

    private final VoiceAnalyzer analyzer;
    private final String version;

    private VoiceModel(VoiceAnalyzer analyzer) {
        this.analyzer = analyzer;
        this.version = ModelVersion.of(SileroVad.RESOURCE.substring(1), ProsodyModel.WEIGHTS.substring(1));
    }

    public static VoiceModel load() {
        return new VoiceModel(new VoiceAnalyzer());
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
        return version;
    }

    @Override
    public Set<Label> measures() {
        return EnumSet.copyOf(VoiceAnalyzer.LABELS);
    }

    @Override
    public List<Scored> score(List<byte[]> chunks) {
        return Scored.decodeThenScore(chunks, VoiceModel::request, requests -> {
            List<Signal> signals = new ArrayList<>(requests.size());
            for (VoiceResult r : analyzer.analyzeAll(requests)) {
                signals.add(signal(r));
            }
            return signals;
        });
    }

    private static VoiceRequest request(byte[] pcm16) throws Refusal {
        try {
            VoiceAnalyzer.validate(pcm16);
        } catch (InvalidAudioException e) {
            throw new Refusal(e.reason().wireName(), e.getMessage());
        }
        return new VoiceRequest(pcm16, VoiceBaseline.empty());
    }

    private Signal signal(VoiceResult r) {
        LabelScores scores = LabelScores.ZERO;
        List<Label> measured = new ArrayList<>();
        for (Map.Entry<String, Double> e : r.labels().entrySet()) {
            Label label = Label.fromWireName(e.getKey());
            scores = scores.with(label, e.getValue());
            measured.add(label);
        }
        return new Signal(Modality.VOICE, scores, Signal.bits(measured), r.confidence(), NAME, version);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
