package io.moments.models.face;

import io.moments.models.Label;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The hand-set table that turns facial-expression probabilities into shopper labels.
 *
 * <p><b>This is a heuristic, not a validated model.</b> The weights were chosen by us from what
 * each expression plausibly signals in a shopping context; they have not been fitted or checked
 * against shoppers' actual states. An expression is not an emotion (people smile when confused,
 * frown when concentrating), and the expression net itself was trained on posed/web photos.
 * Each weight is at most 1 and each row sums to at most 1, so every label stays in [0, 1]; the
 * part of a row that is not assigned is deliberately "no evidence".
 *
 * <pre>
 * expression  hesitation confusion frustration trust_concern delight  certainty of the link
 * neutral        -          -          -            -          -      (no evidence)
 * happy          -          -          -            -         0.8     medium (polite smiles)
 * sad           0.4         -         0.1           -          -      low
 * angry          -          -         0.7           -          -      medium (or concentration)
 * fearful       0.3         -          -           0.4         -      low (rare, often misread)
 * disgusted      -          -         0.5          0.2         -      low
 * surprised      -         0.5         -            -         0.1     low (good or bad surprise)
 * </pre>
 *
 * {@code price_sensitivity} has no facial signal and is never produced. A label is
 * {@code sum over expressions of p(expression) * weight}.
 */
public final class ExpressionLabelMap {

    private static final Map<Expression, Map<Label, Double>> TABLE;

    static {
        Map<Expression, Map<Label, Double>> t = new EnumMap<>(Expression.class);
        t.put(Expression.NEUTRAL, Map.of());
        t.put(Expression.HAPPY, Map.of(Label.DELIGHT, 0.8));
        t.put(Expression.SAD, Map.of(Label.HESITATION, 0.4, Label.FRUSTRATION, 0.1));
        t.put(Expression.ANGRY, Map.of(Label.FRUSTRATION, 0.7));
        t.put(Expression.FEARFUL, Map.of(Label.HESITATION, 0.3, Label.TRUST_CONCERN, 0.4));
        t.put(Expression.DISGUSTED, Map.of(Label.FRUSTRATION, 0.5, Label.TRUST_CONCERN, 0.2));
        t.put(Expression.SURPRISED, Map.of(Label.CONFUSION, 0.5, Label.DELIGHT, 0.1));
        TABLE = Collections.unmodifiableMap(t);
    }

    /** Labels a face can inform (every label but {@code price_sensitivity}). */
    public static final java.util.Set<Label> LABELS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(Label.HESITATION, Label.CONFUSION, Label.FRUSTRATION, Label.TRUST_CONCERN,
                    Label.DELIGHT));

    /** A face smaller than this (shorter side, in pixels) gets proportionally less confidence. */
    public static final int FULL_CONFIDENCE_FACE_SIDE = 64;

    private ExpressionLabelMap() {
    }

    /** The weights of one row of the table. */
    public static Map<Label, Double> weights(Expression expression) {
        return TABLE.get(expression);
    }

    /** Labels for a probability vector in {@link Expression} order (all of {@link #LABELS}, 0..1). */
    public static Map<Label, Double> labels(float[] probabilities) {
        Map<Label, Double> out = new EnumMap<>(Label.class);
        for (Label l : LABELS) {
            out.put(l, 0.0);
        }
        for (int i = 0; i < probabilities.length; i++) {
            for (Map.Entry<Label, Double> w : TABLE.get(Expression.ofIndex(i)).entrySet()) {
                out.merge(w.getKey(), probabilities[i] * w.getValue(), Double::sum);
            }
        }
        out.replaceAll((k, v) -> Math.min(1.0, Math.max(0.0, v)));
        return out;
    }

    /**
     * Confidence in the labels of one face, 0..1: detector score × expression certainty
     * (1 − entropy / ln 7, so 0 for a uniform guess and 1 for a one-hot answer) × a size factor
     * ({@code min(1, shorter side / 64 px)}: small faces are upsampled blurs).
     */
    public static double confidence(double detectionScore, float[] probabilities, int faceWidth, int faceHeight) {
        double entropy = 0;
        for (float p : probabilities) {
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        double certainty = Math.max(0, 1 - entropy / Math.log(probabilities.length));
        double size = Math.min(1.0, Math.min(faceWidth, faceHeight) / (double) FULL_CONFIDENCE_FACE_SIDE);
        return Math.max(0, Math.min(1, detectionScore)) * certainty * size;
    }
}
