package io.moments.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How behaviour moves the labels and how they are smoothed over event time ({@code moments.labels.*});
 * thresholds and fusion weights are the policy's ({@code io.moments.labels.LabelRules}).
 *
 * @param halfLife event-time half-life of every label's decay (the smoothing horizon)
 * @param dwell    a gap this long on a product/pricing/cart/checkout page counts as hesitation
 * @param weights  the magnitudes of the behaviour impulses ({@code moments.labels.weights}, else hand-set)
 */
public record LabelSettings(Duration halfLife, Duration dwell, LabelWeights weights) implements Serializable {

    /** The options' defaults. */
    public static final LabelSettings DEFAULTS = from(new Configuration());

    public LabelSettings {
        if (weights == null) {
            throw new IllegalArgumentException("weights are required (LabelWeights.HAND_SET for the hand-set ones)");
        }
    }

    public static LabelSettings from(ReadableConfig c) {
        LabelWeights weights = c.getOptional(MomentsOptions.LABEL_WEIGHTS)
                .map(file -> LabelWeights.read(Path.of(file))).orElse(LabelWeights.HAND_SET);
        return new LabelSettings(c.get(MomentsOptions.LABEL_HALF_LIFE), c.get(MomentsOptions.LABEL_DWELL), weights);
    }

    /** These settings with other impulse magnitudes. */
    public LabelSettings withWeights(LabelWeights other) {
        return new LabelSettings(halfLife, dwell, other);
    }
}
