package io.moments.labels;

import java.io.Serializable;
import java.time.Duration;

/**
 * How signals are smoothed over event time ({@code moments.labels.*}); thresholds and fusion weights
 * are the policy's ({@link LabelRules}).
 *
 * @param halfLife event-time half-life of every label's decay (the smoothing horizon)
 * @param dwell    a gap this long on a product/pricing/cart/checkout page counts as hesitation
 */
public record LabelSettings(Duration halfLife, Duration dwell) implements Serializable {

    public static final LabelSettings DEFAULTS = new LabelSettings(Duration.ofSeconds(90), Duration.ofSeconds(20));
}
