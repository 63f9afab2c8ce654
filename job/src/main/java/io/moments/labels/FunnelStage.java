package io.moments.labels;

/** How far a session has come in the purchase funnel; only moves forward within a session. */
public enum FunnelStage {
    BROWSE, CONSIDER, CART, CHECKOUT, PURCHASED
}
