package io.moments.labels;

import io.moments.models.Label;

/**
 * One value per label of the brief's label set (0..1 for label values; evidence counts may exceed 1).
 * Immutable; {@link #with} returns a copy.
 */
public record LabelScores(
        double hesitation, double confusion, double frustration, double trustConcern,
        double priceSensitivity, double delight) {

    public static final LabelScores ZERO = new LabelScores(0, 0, 0, 0, 0, 0);

    public double get(Label label) {
        return switch (label) {
            case HESITATION -> hesitation;
            case CONFUSION -> confusion;
            case FRUSTRATION -> frustration;
            case TRUST_CONCERN -> trustConcern;
            case PRICE_SENSITIVITY -> priceSensitivity;
            case DELIGHT -> delight;
        };
    }

    public LabelScores with(Label label, double v) {
        return new LabelScores(
                label == Label.HESITATION ? v : hesitation,
                label == Label.CONFUSION ? v : confusion,
                label == Label.FRUSTRATION ? v : frustration,
                label == Label.TRUST_CONCERN ? v : trustConcern,
                label == Label.PRICE_SENSITIVITY ? v : priceSensitivity,
                label == Label.DELIGHT ? v : delight);
    }

    /** The label with the highest value (ties: declaration order). */
    public Label strongest() {
        Label best = Label.HESITATION;
        for (Label label : Label.values()) {
            if (get(label) > get(best)) {
                best = label;
            }
        }
        return best;
    }
}
