package io.moments.friction;

/**
 * A session's partial friction matches (a Flink POJO inside the session state): a few timestamps,
 * never event content. Windows bound every array (pricing views and form errors to their spans,
 * the click run to the rage-click count).
 */
public class FrictionState {
    /** Event time of the last checkout step not yet followed by progress; MIN_VALUE when none. */
    public long checkoutStepTs = Long.MIN_VALUE;
    public int checkoutStep;
    /** Pricing views within the pricing-contact window, oldest first. */
    public long[] pricingViews = new long[0];
    /** The current run of consecutive clicks on {@link #clickTarget}. */
    public long[] clickRun = new long[0];
    public String clickTarget;
    /** Form errors within the form-error window, oldest first. */
    public long[] formErrors = new long[0];

    public FrictionState() {}
}
