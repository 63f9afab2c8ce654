package io.moments.labels;

import java.io.Serializable;

/**
 * The label thresholds and fusion weights a policy sets.
 *
 * @param threshold   a fused label reaching this from below is a trigger ({@code label:<name>})
 * @param rearmBelow  it may trigger again only after falling below this (hysteresis)
 * @param behaviour   weight of behavioural evidence in fusion (0..1); likewise text, face, voice
 * @param conflictGap modalities (each reasonably confident) whose values differ by more than this
 *                    disagree: the label is marked conflicting and its confidence halved
 */
public record LabelRules(double threshold, double rearmBelow, double behaviour, double text, double face,
                         double voice, double conflictGap) implements Serializable {

    public static final LabelRules DEFAULTS = new LabelRules(0.6, 0.45, 1.0, 0.8, 0.6, 0.5, 0.4);
}
