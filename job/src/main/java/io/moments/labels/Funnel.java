package io.moments.labels;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;

/** Where an interaction places a session in the funnel and which micro-moment it expresses. */
public final class Funnel {

    private Funnel() {}

    /** The funnel stage an interaction reaches, or null when it says nothing about the funnel. */
    public static FunnelStage stageOf(InteractionType type, PageKind kind) {
        return switch (type) {
            case PURCHASE -> FunnelStage.PURCHASED;
            case CHECKOUT_STEP -> FunnelStage.CHECKOUT;
            case ADD_TO_CART, REMOVE_FROM_CART -> FunnelStage.CART;
            default -> kind == null ? null : switch (kind) {
                case PRODUCT, PRICING -> FunnelStage.CONSIDER;
                case CART -> FunnelStage.CART;
                case CHECKOUT -> FunnelStage.CHECKOUT;
                default -> FunnelStage.BROWSE;
            };
        };
    }

    /** The micro-moment an interaction expresses, or null when it expresses none (scrolls, hovers). */
    public static Moment momentOf(InteractionType type, PageKind kind) {
        return switch (type) {
            case ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_STEP, PURCHASE -> Moment.BUY;
            case CONTACT_CLICK, CHAT_OPEN -> Moment.GO;
            case FORM_ERROR -> Moment.DO;
            case SEARCH -> Moment.KNOW;
            case PAGE_VIEW -> kind == null ? null : switch (kind) {
                case PRODUCT, PRICING, CART, CHECKOUT -> Moment.BUY;
                case CONTACT -> Moment.GO;
                case SUPPORT -> Moment.DO;
                default -> Moment.KNOW;
            };
            default -> null;
        };
    }
}
