package io.moments.inference;

import io.moments.ingest.ShopperEvent;
import io.moments.models.text.TextEmotionModel;
import io.moments.models.text.TextEmotionPredictor;
import io.moments.models.text.TextScores;

import java.util.ArrayList;
import java.util.List;

/** Text messages through the bge-small encoder and the trained emotion head (models/text). */
public final class TextScorer implements Scorer {

    private transient TextEmotionModel model;
    private transient TextEmotionPredictor predictor;

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean accepts(ShopperEvent event) {
        return event.text() != null && event.text().text() != null;
    }

    @Override
    public void open() {
        model = TextEmotionModel.load();
        predictor = model.newPredictor();
    }

    @Override
    public List<InferenceResult> score(List<ShopperEvent> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (ShopperEvent e : batch) {
            texts.add(e.text().text());
        }
        List<InferenceResult> out = new ArrayList<>(batch.size());
        for (TextScores s : predictor.score(texts)) {
            out.add(InferenceResult.of(new Signal(Modality.TEXT, s.labels(), Signal.ALL_LABELS, s.confidence(),
                    "bge-small-en-v1.5-q+head")));
        }
        return out;
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
