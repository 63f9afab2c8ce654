package io.moments.friction;

import java.util.Arrays;

/**
 * A session's partial friction matches (a Flink POJO inside the session state): a few timestamps,
 * never event content. Windows bound every array (pricing views and form errors to their spans,
 * the click run to the rage-click count).
 */
public class FrictionState {
    /** Event time of the last checkout step not yet followed by progress; MIN_VALUE when none. */
    public long checkoutStepTs = Long.MIN_VALUE;
    /** That step's number or name, as the tracker sent it. */
    public String checkoutStepName;
    /** Pricing views within the pricing-contact window, oldest first. */
    public long[] pricingViews = new long[0];
    /** The current run of consecutive clicks on {@link #clickTarget}. */
    public long[] clickRun = new long[0];
    public String clickTarget;
    /** Form errors within the form-error window, oldest first. */
    public long[] formErrors = new long[0];

    public FrictionState() {}

    /** A deep copy, to replay a reorder buffer from without touching the original. */
    public FrictionState copy() {
        FrictionState c = new FrictionState();
        c.checkoutStepTs = checkoutStepTs;
        c.checkoutStepName = checkoutStepName;
        c.pricingViews = Arrays.copyOf(pricingViews, pricingViews.length);
        c.clickRun = Arrays.copyOf(clickRun, clickRun.length);
        c.clickTarget = clickTarget;
        c.formErrors = Arrays.copyOf(formErrors, formErrors.length);
        return c;
    }
}
