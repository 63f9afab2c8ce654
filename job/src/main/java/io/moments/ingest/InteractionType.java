package io.moments.ingest;

/** {@code interaction/v1} types; wire names are the lower-case constant names. */
public enum InteractionType {
    PAGE_VIEW, SCROLL, HOVER, CLICK, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_STEP, FORM_ERROR,
    CONTACT_CLICK, CHAT_OPEN, PURCHASE, SESSION_END;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
