package io.moments.models;

/**
 * The continuous emotion labels every signal maps into (0..1 each, per session). Models, the
 * behaviour scorer and the decision policy all speak this vocabulary; its wire names are the
 * {@link #wireName()} strings used in JSON contracts and triggers ({@code label:<wireName>}).
 */
public enum Label {
    HESITATION("hesitation"),
    CONFUSION("confusion"),
    FRUSTRATION("frustration"),
    TRUST_CONCERN("trust_concern"),
    PRICE_SENSITIVITY("price_sensitivity"),
    DELIGHT("delight");

    private final String wireName;

    Label(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Label fromWireName(String name) {
        for (Label label : values()) {
            if (label.wireName.equals(name)) {
                return label;
            }
        }
        throw new IllegalArgumentException("unknown label: " + name);
    }
}
