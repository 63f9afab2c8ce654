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

/** The text model behind {@link EmotionModel}: the bge-small encoder and the trained head, one predictor. */
public final class TextModel implements EmotionModel<String> {

    public static final String NAME = "bge-small-en-v1.5-q+head";

    private final TextEmotionModel model;
    private final TextEmotionPredictor predictor;
    private final String version;

    private TextModel(TextEmotionModel model) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.version = ModelVersion.of(TextEncoder.ONNX_RESOURCE, TextHead.RESOURCE);
    }

    public static TextModel load() {
        TextEmotionModel model = TextEmotionModel.load();
        try {
            return new TextModel(model);
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

    @Override
    public List<Scored> score(List<String> texts) {
        List<Scored> out = new ArrayList<>(texts.size());
        for (TextScores s : predictor.score(texts)) {
            out.add(Scored.of(new Signal(Modality.TEXT, s.labels(), Signal.ALL_LABELS, s.confidence(), NAME, version)));
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
