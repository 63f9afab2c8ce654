package io.moments.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;

/**
 * How signals are smoothed over event time ({@code moments.labels.*}); thresholds and fusion weights
 * are the policy's ({@code io.moments.labels.LabelRules}).
 *
 * @param halfLife event-time half-life of every label's decay (the smoothing horizon)
 * @param dwell    a gap this long on a product/pricing/cart/checkout page counts as hesitation
 */
public record LabelSettings(Duration halfLife, Duration dwell) implements Serializable {

    /** The options' defaults. */
    public static final LabelSettings DEFAULTS = from(new Configuration());

    public static LabelSettings from(ReadableConfig c) {
        return new LabelSettings(c.get(MomentsOptions.LABEL_HALF_LIFE), c.get(MomentsOptions.LABEL_DWELL));
    }
}
