package io.moments.friction;

/**
 * The friction memory's shape before patterns ran on flink-cep (until 2026-12-01: the hand-written
 * matchers' timestamps, fields {@code FrictionTrack.current} and {@code base}). Never written now; it
 * exists only so that savepoints of that release restore: Flink's POJO serializer reads the snapshot
 * of a removed field's type before it drops the field, and fails if the class is gone
 * ({@code SessionStateUpgradeTest}). Remove it once no savepoint of that release is kept.
 */
public class FrictionState {
    public long checkoutStepTs = Long.MIN_VALUE;
    public String checkoutStepName;
    public long[] pricingViews = new long[0];
    public long[] clickRun = new long[0];
    public String clickTarget;
    public long[] formErrors = new long[0];

    public FrictionState() {}
}
