package io.moments.config;

/**
 * The behaviour impulses of {@code io.moments.labels.BehaviourSignals}, one per (behaviour, label), each
 * with its hand-set magnitude (docs/labels.md). A {@code label-weights/v1} document
 * ({@code moments.labels.weights}) replaces any of them; {@code ./moments labels fit} writes one.
 * The wire names are part of that format: never rename one, only add.
 */
public enum LabelImpulse {
    /** Dwell (a 20 s – 10 min gap on a product, pricing, cart or checkout page): hesitation at the dwell's start. */
    DWELL_BASE("dwell.hesitation.base", "hesitation", 0.15),
    /** Dwell: hesitation added per minute of gap beyond the dwell setting. */
    DWELL_PER_MINUTE("dwell.hesitation.per-minute", "hesitation", 0.35),
    /** Dwell: the most hesitation one gap adds. */
    DWELL_MAX("dwell.hesitation.max", "hesitation", 0.5),
    /** Page A → B → A within a minute. */
    BACK_AND_FORTH_CONFUSION("back-and-forth.confusion", "confusion", 0.3),
    /** Page A → B → A within a minute where A is a product or pricing page (comparing). */
    BACK_AND_FORTH_PRICE("back-and-forth.price_sensitivity", "price_sensitivity", 0.25),
    PRICING_VIEW_PRICE("pricing-view.price_sensitivity", "price_sensitivity", 0.3),
    /** A support page view once the session reached the cart. */
    SUPPORT_VIEW_TRUST("support-view.trust_concern", "trust_concern", 0.3),
    /** A support page view before the cart. */
    SUPPORT_VIEW_CONFUSION("support-view.confusion", "confusion", 0.3),
    /** A search (interaction or search text) within a minute of the previous one. */
    REPEAT_SEARCH_CONFUSION("repeat-search.confusion", "confusion", 0.25),
    /** A hover on returns, security, guarantee or shipping. */
    HOVER_REASSURANCE_TRUST("hover-reassurance.trust_concern", "trust_concern", 0.25),
    HOVER_PRICE_PRICE("hover-price.price_sensitivity", "price_sensitivity", 0.15),
    /** Any hover. */
    HOVER_HESITATION("hover.hesitation", "hesitation", 0.1),
    FORM_ERROR_FRUSTRATION("form-error.frustration", "frustration", 0.35),
    FORM_ERROR_CONFUSION("form-error.confusion", "confusion", 0.15),
    REMOVE_FROM_CART_HESITATION("remove-from-cart.hesitation", "hesitation", 0.3),
    REMOVE_FROM_CART_PRICE("remove-from-cart.price_sensitivity", "price_sensitivity", 0.25),
    /** A contact click or chat open once the session reached the cart. */
    CONTACT_TRUST("contact.trust_concern", "trust_concern", 0.25),
    /** A contact click or chat open before the cart. */
    CONTACT_CONFUSION("contact.confusion", "confusion", 0.25),
    ADD_TO_CART_DELIGHT("add-to-cart.delight", "delight", 0.3),
    /** A checkout step within 20 s of the previous one. */
    BRISK_CHECKOUT_STEP_DELIGHT("brisk-checkout-step.delight", "delight", 0.2),
    PURCHASE_DELIGHT("purchase.delight", "delight", 0.6),
    /** A scroll past 90 % of a product page. */
    DEEP_SCROLL_HESITATION("deep-scroll.hesitation", "hesitation", 0.1);

    private final String wireName;
    private final String label;
    private final double handSet;

    LabelImpulse(String wireName, String label, double handSet) {
        this.wireName = wireName;
        this.label = label;
        this.handSet = handSet;
    }

    /** The key in {@code label-weights/v1} {@code impulses}. */
    public String wireName() {
        return wireName;
    }

    /** The wire name of the label it moves ({@code io.moments.models.Label#wireName}: config uses no other package). */
    public String label() {
        return label;
    }

    /** The hand-set magnitude (0..1). */
    public double handSet() {
        return handSet;
    }

    /** The impulse of a wire name, or null. */
    public static LabelImpulse fromWireName(String name) {
        for (LabelImpulse i : values()) {
            if (i.wireName.equals(name)) {
                return i;
            }
        }
        return null;
    }
}
