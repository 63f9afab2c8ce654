package io.moments.models.text;

import io.moments.models.Label;
import io.moments.models.LabelScores;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text model's verdict on one text.
 *
 * @param probabilities one probability per class in {@link TextClasses} order (6 labels, then
 *     neutral); softmax output, so they sum to 1
 * @param dominant the wire name of the top class when it is a label whose probability is at least
 *     {@link TextEmotionModel#DOMINANT_THRESHOLD}; otherwise {@code "neutral"} (the neutral class
 *     won, or no label was confident enough)
 * @param confidence the probability of the top class among all 7 (so a text that falls back to
 *     neutral because nothing passed the threshold has confidence below the threshold: ambiguous)
 */
public record TextScores(double[] probabilities, String dominant, double confidence) {

    public TextScores {
        if (probabilities.length != TextClasses.COUNT) {
            throw new IllegalArgumentException("expected " + TextClasses.COUNT + " probabilities");
        }
        probabilities = probabilities.clone();
    }

    /** Derives dominant class and confidence from the head's 7 probabilities. */
    static TextScores of(float[] probabilities, double threshold) {
        double[] p = new double[probabilities.length];
        int top = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilities[i];
            if (p[i] > p[top]) {
                top = i;
            }
        }
        String dominant = top == TextClasses.NEUTRAL_INDEX || p[top] < threshold
                ? TextClasses.NEUTRAL : TextClasses.name(top);
        return new TextScores(p, dominant, p[top]);
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of a class by wire name (a label or {@code neutral}). */
    public double probability(String className) {
        return probabilities[TextClasses.indexOf(className)];
    }

    /** Probability of a label. */
    public double get(Label label) {
        return probabilities[label.ordinal()];
    }

    /** Probability of the neutral class (1 minus the sum of the label probabilities). */
    public double neutral() {
        return probabilities[TextClasses.NEUTRAL_INDEX];
    }

    /** The 6 label probabilities as the shared {@link LabelScores} (neutral excluded). */
    public LabelScores labels() {
        return new LabelScores(get(Label.HESITATION), get(Label.CONFUSION), get(Label.FRUSTRATION),
                get(Label.TRUST_CONCERN), get(Label.PRICE_SENSITIVITY), get(Label.DELIGHT));
    }

    /** The 6 label probabilities by wire name, in {@link Label} order (neutral excluded). */
    public Map<String, Double> labelMap() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Label label : Label.values()) {
            out.put(label.wireName(), probabilities[label.ordinal()]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextScores other
                && Arrays.equals(probabilities, other.probabilities)
                && dominant.equals(other.dominant)
                && Double.compare(confidence, other.confidence) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(probabilities) + dominant.hashCode()) + Double.hashCode(confidence);
    }

    @Override
    public String toString() {
        return "TextScores{dominant=" + dominant + ", confidence=" + confidence
                + ", probabilities=" + Arrays.toString(probabilities) + "}";
    }
}
