package io.moments.models.face;

import io.moments.models.Label;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One face found in an image.
 *
 * @param box         where the face is, in pixels of the original image (clipped to it); also
 *                    the crop the expression net saw
 * @param score       the detector's score for this box (0..1; boxes at or below the threshold,
 *                    0.5 by default, are not reported)
 * @param expressions the expression net's probabilities, all seven, summing to 1
 * @param labels      shopper labels derived from {@code expressions} by {@link ExpressionLabelMap};
 *                    only the labels a face can speak to (no {@code price_sensitivity})
 * @param confidence  how much to trust {@code labels}: {@link ExpressionLabelMap#confidence}
 */
public record FaceResult(Box box, double score, Map<Expression, Double> expressions, Map<Label, Double> labels,
                         double confidence) {

    /** A box in pixels: top-left corner, width and height. */
    public record Box(int x, int y, int width, int height) {
        public int[] toArray() {
            return new int[] {x, y, width, height};
        }
    }

    public FaceResult {
        expressions = Collections.unmodifiableMap(new EnumMap<>(expressions));
        labels = labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(labels));
    }

    /** The most probable expression. */
    public Expression dominant() {
        Expression best = Expression.NEUTRAL;
        double p = -1;
        for (Map.Entry<Expression, Double> e : expressions.entrySet()) {
            if (e.getValue() > p) {
                p = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    /** The probability of {@code expression}. */
    public double probability(Expression expression) {
        return expressions.getOrDefault(expression, 0.0);
    }
}
