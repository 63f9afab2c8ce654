package io.moments.ingest;

/** Kinds of page an interaction can happen on; drives funnel stage and micro-moment. */
public enum PageKind {
    HOME, CATEGORY, PRODUCT, PRICING, CART, CHECKOUT, CONTACT, SUPPORT, BLOG, OTHER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
