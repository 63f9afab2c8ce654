package io.moments.inference;

import io.moments.ingest.MediaKind;
import io.moments.ingest.ShopperEvent;
import io.moments.models.EmotionModel;
import io.moments.models.EmotionModel.Scored;
import io.moments.models.Modality;
import io.moments.models.face.FaceModel;
import io.moments.models.text.TextModel;
import io.moments.models.voice.VoiceModel;

import org.apache.flink.metrics.MetricGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job's one scorer: picks a modality's content out of each event, hands the batch to that
 * modality's model and names a refused payload by its media kind (the bad_media reason of its dead
 * letter). Text messages never fail; frames and chunks can. Text and face attach their
 * {@link EmotionModel}'s signal. Voice attaches only the chunk's prosody ({@link VoiceModel#extract},
 * step 1 of the voice model): the stream is not keyed by session here, so the session stage scores
 * it against the session's voice baseline (step 2, {@link VoiceModel#scoreInSession}).
 */
public final class ModelScorer implements Scorer {

    private final Modality modality;
    private final int textCacheEntries;
    private transient EmotionModel<Object> model;
    private transient VoiceModel voice;

    private ModelScorer(Modality modality, int textCacheEntries) {
        this.modality = modality;
        this.textCacheEntries = textCacheEntries;
    }

    /** The text scorer, remembering the signals of up to {@code cacheEntries} texts (0: none). */
    public static ModelScorer text(int cacheEntries) {
        return new ModelScorer(Modality.TEXT, cacheEntries);
    }

    /**
     * A scorer for a model's modality (not {@link Modality#BEHAVIOUR}: that is computed in the session
     * stage); text without a cache.
     */
    public static ModelScorer of(Modality modality) {
        if (modality == Modality.BEHAVIOUR) {
            throw new IllegalArgumentException("behaviour has no model: the session stage computes it");
        }
        return new ModelScorer(modality, 0);
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
        switch (modality) {
            case TEXT -> model = (EmotionModel<Object>) (EmotionModel<?>) TextModel.load(textCacheEntries);
            case FACE -> model = (EmotionModel<Object>) (EmotionModel<?>) FaceModel.load();
            case VOICE -> voice = VoiceModel.load();
            case BEHAVIOUR -> throw new IllegalStateException("no model for behaviour");
        }
    }

    /** The text cache's figures; 0 until the model loads on its first text. */
    @Override
    public void registerMetrics(MetricGroup group) {
        if (modality == Modality.TEXT) {
            group.gauge("textCacheHits", () -> textCache().hits());
            group.gauge("textCacheMisses", () -> textCache().misses());
            group.gauge("textCacheHitRate", () -> textCache().hitRate());
            group.gauge("textCacheEntries", () -> textCache().entries());
        }
    }

    private TextModel.CacheStats textCache() {
        Object loaded = model; // EmotionModel<Object> and TextModel (an EmotionModel<String>) are inconvertible types
        return loaded instanceof TextModel text ? text.cacheStats() : new TextModel.CacheStats(0, 0, 0);
    }

    @Override
    public List<Result> score(List<ShopperEvent> batch) {
        List<Result> out = new ArrayList<>(batch.size());
        if (modality == Modality.VOICE) {
            List<byte[]> chunks = new ArrayList<>(batch.size());
            for (ShopperEvent e : batch) {
                chunks.add(e.media().data());
            }
            List<VoiceModel.Extraction> extracted = voice.extract(chunks);
            for (int i = 0; i < batch.size(); i++) {
                VoiceModel.Extraction x = extracted.get(i);
                out.add(x.sample() != null ? Result.of(batch.get(i).withProsody(x.sample()))
                        : Result.rejected("audio_chunk " + x.rejection()));
            }
            return out;
        }
        List<Object> inputs = new ArrayList<>(batch.size());
        for (ShopperEvent e : batch) {
            inputs.add(modality == Modality.TEXT ? e.text().text() : e.media().data());
        }
        List<Scored> results = model.score(inputs);
        for (int i = 0; i < batch.size(); i++) {
            Scored s = results.get(i);
            out.add(s.signal() != null ? Result.of(batch.get(i).withSignal(s.signal()))
                    : Result.rejected((modality == Modality.FACE ? "video_frame " : "") + s.rejection()));
        }
        return out;
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
        if (voice != null) {
            voice.close();
            voice = null;
        }
    }
}
