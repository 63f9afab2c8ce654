package io.moments.inference;

import io.moments.ingest.MediaKind;
import io.moments.ingest.ShopperEvent;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.voice.InvalidAudioException;
import io.moments.models.voice.VoiceAnalyzer;
import io.moments.models.voice.VoiceBaseline;
import io.moments.models.voice.VoiceRequest;
import io.moments.models.voice.VoiceResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consented voice chunks through Silero VAD and the prosody model (models/voice). Runs before the
 * session is keyed, so each chunk is normalised against the population baseline, not the
 * speaker's own (a documented limit; the per-session baseline is future work).
 */
public final class VoiceScorer implements Scorer {

    private transient VoiceAnalyzer analyzer;

    @Override
    public String name() {
        return "voice";
    }

    @Override
    public boolean accepts(ShopperEvent event) {
        return event.media() != null && event.media().kind() == MediaKind.AUDIO_CHUNK && event.media().data() != null;
    }

    @Override
    public void open() {
        analyzer = new VoiceAnalyzer();
    }

    @Override
    public List<InferenceResult> score(List<ShopperEvent> batch) {
        List<InferenceResult> out = new ArrayList<>(batch.size());
        List<VoiceRequest> requests = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                VoiceAnalyzer.validate(batch.get(i).media().data());
                requests.add(new VoiceRequest(batch.get(i).media().data(), VoiceBaseline.empty()));
                valid.add(i);
                out.add(null);
            } catch (InvalidAudioException e) {
                out.add(InferenceResult.failed("audio_chunk " + e.reason().wireName() + ": " + e.getMessage()));
            }
        }
        List<VoiceResult> results = requests.isEmpty() ? List.of() : analyzer.analyzeAll(requests);
        for (int j = 0; j < valid.size(); j++) {
            out.set(valid.get(j), InferenceResult.of(signal(results.get(j))));
        }
        return out;
    }

    private static Signal signal(VoiceResult r) {
        LabelScores scores = LabelScores.ZERO;
        int measured = 0;
        for (Map.Entry<String, Double> e : r.labels().entrySet()) {
            Label label = Label.fromWireName(e.getKey());
            scores = scores.with(label, e.getValue());
            measured |= 1 << label.ordinal();
        }
        return new Signal(Modality.VOICE, scores, measured, r.confidence(), "silero-vad+prosody");
    }

    @Override
    public void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }
}
