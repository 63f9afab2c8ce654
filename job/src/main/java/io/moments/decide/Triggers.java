package io.moments.decide;

import io.moments.models.Label;

/**
 * The vocabulary of decision triggers: the ids of the policy's friction patterns, and
 * {@code label:<name>} for label crossings.
 */
public final class Triggers {

    private static final String LABEL = "label:";

    private Triggers() {}

    public static String label(Label label) {
        return LABEL + label.wireName();
    }

    /** Whether {@code trigger} names a known label crossing. */
    public static boolean isLabel(String trigger) {
        if (!trigger.startsWith(LABEL)) {
            return false;
        }
        try {
            Label.fromWireName(trigger.substring(LABEL.length()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
