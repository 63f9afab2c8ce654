package io.moments.models;

/**
 * One value per label of the label set (0..1 for label values; evidence counts may exceed 1).
 * Immutable; {@link #with} returns a copy. Every model and the behaviour scorer report in this form.
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

    public LabelScores scaled(double factor) {
        return new LabelScores(hesitation * factor, confusion * factor, frustration * factor, trustConcern * factor,
                priceSensitivity * factor, delight * factor);
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

    /** Builds scores from a wire-name map (missing labels are 0); unknown names are ignored. */
    public static LabelScores fromMap(java.util.Map<String, ? extends Number> byWireName) {
        LabelScores s = ZERO;
        for (Label label : Label.values()) {
            Number v = byWireName.get(label.wireName());
            if (v != null) {
                s = s.with(label, v.doubleValue());
            }
        }
        return s;
    }
}
