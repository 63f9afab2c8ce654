package io.moments.models.face;

/**
 * The seven facial expressions the face-api expression net scores, in the order of its output
 * layer. These are <em>expressions</em> (what the face shows), not emotions (what the person
 * feels); see {@link ExpressionLabelMap} for how they are turned into shopper labels.
 */
public enum Expression {
    NEUTRAL("neutral"),
    HAPPY("happy"),
    SAD("sad"),
    ANGRY("angry"),
    FEARFUL("fearful"),
    DISGUSTED("disgusted"),
    SURPRISED("surprised");

    private static final Expression[] VALUES = values();

    private final String wireName;

    Expression(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON output ({@code neutral}, {@code happy}, ...). */
    public String wireName() {
        return wireName;
    }

    /** The expression at position {@code index} of the net's output. */
    public static Expression ofIndex(int index) {
        return VALUES[index];
    }

    public static int count() {
        return VALUES.length;
    }
}
