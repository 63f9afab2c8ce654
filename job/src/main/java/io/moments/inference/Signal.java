package io.moments.inference;

import io.moments.models.Label;
import io.moments.models.LabelScores;

/**
 * What a model made of one text message, camera frame or voice chunk: label scores in 0..1 and how
 * much to trust them. This, never the content itself, is what travels on to session state.
 *
 * @param measured   bit per {@link Label} ordinal: the labels this model measures (others are not
 *                   evidence either way, e.g. a face says nothing about price sensitivity)
 * @param confidence 0..1; 0 means the model saw nothing usable (no face, no speech)
 * @param model      model name, for the audit trail
 */
public record Signal(Modality modality, LabelScores scores, int measured, double confidence, String model) {

    public static final int ALL_LABELS = (1 << Label.values().length) - 1;

    public boolean measures(Label label) {
        return (measured & (1 << label.ordinal())) != 0;
    }
}
