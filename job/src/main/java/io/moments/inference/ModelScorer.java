package io.moments.inference;

import io.moments.ingest.MediaKind;
import io.moments.ingest.ShopperEvent;
import io.moments.models.EmotionModel;
import io.moments.models.EmotionModel.Scored;
import io.moments.models.Modality;
import io.moments.models.face.FaceModel;
import io.moments.models.text.TextModel;
import io.moments.models.voice.VoiceModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job's one scorer: picks a modality's content out of each event, hands the batch to that
 * modality's {@link EmotionModel} and names a refused payload by its media kind (the bad_media
 * reason of its dead letter). Text messages never fail; frames and chunks can.
 */
public final class ModelScorer implements Scorer {

    private final Modality modality;
    private transient EmotionModel<Object> model;

    private ModelScorer(Modality modality) {
        this.modality = modality;
    }

    /** A scorer for a model's modality (not {@link Modality#BEHAVIOUR}: that is computed in the session stage). */
    public static ModelScorer of(Modality modality) {
        if (modality == Modality.BEHAVIOUR) {
            throw new IllegalArgumentException("behaviour has no model: the session stage computes it");
        }
        return new ModelScorer(modality);
    }

    @Override
    public String name() {
        return modality.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean accepts(ShopperEvent event) {
        return switch (modality) {
            case TEXT -> event.text() != null && event.text().text() != null;
            case FACE -> hasMedia(event, MediaKind.VIDEO_FRAME);
            case VOICE -> hasMedia(event, MediaKind.AUDIO_CHUNK);
            case BEHAVIOUR -> false;
        };
    }

    private static boolean hasMedia(ShopperEvent event, MediaKind kind) {
        return event.media() != null && event.media().kind() == kind && event.media().data() != null;
    }

    @Override
    @SuppressWarnings("unchecked") // each model reads what input(...) picks for its modality: a String or bytes
    public void open() {
        model = (EmotionModel<Object>) (EmotionModel<?>) switch (modality) {
            case TEXT -> TextModel.load();
            case FACE -> FaceModel.load();
            case VOICE -> VoiceModel.load();
            case BEHAVIOUR -> throw new IllegalStateException("no model for behaviour");
        };
    }

    @Override
    public List<Scored> score(List<ShopperEvent> batch) {
        List<Object> inputs = new ArrayList<>(batch.size());
        for (ShopperEvent e : batch) {
            inputs.add(modality == Modality.TEXT ? e.text().text() : e.media().data());
        }
        List<Scored> results = model.score(inputs);
        if (modality == Modality.TEXT) {
            return results;
        }
        String kind = modality == Modality.FACE ? "video_frame " : "audio_chunk ";
        List<Scored> out = new ArrayList<>(results.size());
        for (Scored s : results) {
            out.add(s.signal() != null ? s : Scored.rejected(kind + s.rejection()));
        }
        return out;
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
