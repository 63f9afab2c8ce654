package io.moments.models;

import java.util.Collection;

/**
 * What a model made of one text message, camera frame or voice chunk: label scores in 0..1 and how
 * much to trust them. Every model returns this one type ({@link EmotionModel}); it, never the content
 * itself, is what travels on to session state.
 *
 * @param measured   bit per {@link Label} ordinal: the labels this model measures (others are not
 *                   evidence either way, e.g. a face says nothing about price sensitivity). A bit set,
 *                   not a list: signals cross the network between operators but are never kept in state
 * @param confidence 0..1; 0 means the model saw nothing usable (no face, no speech)
 * @param model      model name, for the audit trail
 * @param version    which weights produced it ({@link ModelVersion}), so a decision's evidence names its model build
 * @param labelConfidence per label, 0..1, where a model trusts some of its labels less than others (voice:
 *                   frustration from arousal at half the confidence, see models/voice/MODEL_CARD.md); null
 *                   when every label it measures has {@code confidence}
 */
public record Signal(Modality modality, LabelScores scores, int measured, double confidence, String model,
                     String version, LabelScores labelConfidence) {

    public static final int ALL_LABELS = (1 << Label.values().length) - 1;

    /** A signal whose labels all have its one {@code confidence}. */
    public Signal(Modality modality, LabelScores scores, int measured, double confidence, String model,
                  String version) {
        this(modality, scores, measured, confidence, model, version, null);
    }

    public boolean measures(Label label) {
        return (measured & bit(label)) != 0;
    }

    /** How much to trust this signal's value of {@code label}: its own confidence, or the signal's. */
    public double confidence(Label label) {
        return labelConfidence == null ? confidence : labelConfidence.get(label);
    }

    /** The {@code measured} bits of these labels. */
    public static int bits(Collection<Label> labels) {
        int bits = 0;
        for (Label l : labels) {
            bits |= bit(l);
        }
        return bits;
    }

    private static int bit(Label label) {
        return 1 << label.ordinal();
    }
}
