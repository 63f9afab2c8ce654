package io.moments.labels;

import java.io.Serializable;
import java.time.Duration;

/**
 * How behaviour turns into smoothed labels ({@code moments.labels.*}).
 *
 * @param halfLife       event-time half-life of a label's decay (the smoothing horizon)
 * @param threshold      a label crossing this value upward is a trigger ({@code label:<name>})
 * @param rearmBelow     a label must fall below this before it can trigger again (hysteresis)
 * @param dwell          a gap this long on a product/pricing/cart/checkout page counts as hesitation
 */
public record LabelSettings(Duration halfLife, double threshold, double rearmBelow, Duration dwell)
        implements Serializable {

    public static final LabelSettings DEFAULTS =
            new LabelSettings(Duration.ofSeconds(90), 0.6, 0.45, Duration.ofSeconds(20));
}
