package io.moments.decide;

import io.moments.friction.FrictionDetector;
import io.moments.models.Label;

import java.util.List;

/** The closed vocabulary of decision triggers: friction patterns, then {@code label:<name>}. */
public final class Triggers {

    private static final List<String> ALL = List.of(
            FrictionDetector.CHECKOUT_PAUSE, FrictionDetector.PRICING_CONTACT, FrictionDetector.RAGE_CLICK,
            FrictionDetector.FORM_ERROR_LOOP,
            label(Label.HESITATION), label(Label.CONFUSION), label(Label.FRUSTRATION),
            label(Label.TRUST_CONCERN), label(Label.PRICE_SENSITIVITY), label(Label.DELIGHT));

    private Triggers() {}

    public static String label(Label label) {
        return "label:" + label.wireName();
    }

    public static boolean isKnown(String trigger) {
        return ALL.contains(trigger);
    }
}
