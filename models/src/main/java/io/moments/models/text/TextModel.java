package io.moments.models.text;

import io.moments.models.EmotionModel;
import io.moments.models.Label;
import io.moments.models.Modality;
import io.moments.models.ModelVersion;
import io.moments.models.Signal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The text model behind {@link EmotionModel}: the bge-small encoder and the trained head, one
 * predictor, and a bounded cache of the signals of texts seen before ({@link TextScoreCache}).
 */
public final class TextModel implements EmotionModel<String> {

    public static final String NAME = "bge-small-en-v1.5-q+head";

    private final TextEmotionModel model;
    private final TextEmotionPredictor predictor;
    private final String version;
    private final TextScoreCache cache;

    /** What the cache did so far: lookups that found a signal, lookups that did not, entries held. */
    public record CacheStats(long hits, long misses, int entries) {

        /** Share of lookups answered from the cache (0 before the first lookup). */
        public double hitRate() {
            long lookups = hits + misses;
            return lookups == 0 ? 0 : (double) hits / lookups;
        }
    }

    private TextModel(TextEmotionModel model, int cacheEntries) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.version = ModelVersion.of(TextEncoder.ONNX_RESOURCE, TextHead.RESOURCE);
        this.cache = new TextScoreCache(cacheEntries);
    }

    /** The model without a cache. */
    public static TextModel load() {
        return load(0);
    }

    /** The model with a cache of up to {@code cacheEntries} texts (0: none). */
    public static TextModel load(int cacheEntries) {
        TextEmotionModel model = TextEmotionModel.load();
        try {
            return new TextModel(model, cacheEntries);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
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
        return EnumSet.allOf(Label.class);
    }

    /** Texts found in the cache are answered from it; the rest are scored in one call and cached. */
    @Override
    public List<Scored> score(List<String> texts) {
        Signal[] signals = new Signal[texts.size()];
        List<String> misses = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < signals.length; i++) {
            signals[i] = cache.get(texts.get(i));
            if (signals[i] == null) {
                misses.add(texts.get(i));
                places.add(i);
            }
        }
        if (!misses.isEmpty()) {
            List<TextScores> scored = predictor.score(misses);
            for (int k = 0; k < scored.size(); k++) {
                TextScores s = scored.get(k);
                Signal signal = new Signal(Modality.TEXT, s.labels(), Signal.ALL_LABELS, s.confidence(), NAME, version);
                signals[places.get(k)] = signal;
                cache.put(misses.get(k), signal);
            }
        }
        List<Scored> out = new ArrayList<>(signals.length);
        for (Signal s : signals) {
            out.add(Scored.of(s));
        }
        return out;
    }

    public CacheStats cacheStats() {
        return new CacheStats(cache.hits(), cache.misses(), cache.size());
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
