package io.moments.decide;

import io.moments.friction.FrictionMoment;
import io.moments.models.Label;

/**
 * Why a moment is decided: a friction pattern or a label crossing ({@link Triggers} names them),
 * with the evidence in words (no user content).
 */
public record Trigger(String name, String detail) {

    public static Trigger friction(FrictionMoment m) {
        return new Trigger(m.pattern(), m.detail());
    }

    public static Trigger labelCrossing(Label label, double value) {
        return new Trigger(Triggers.label(label), label.wireName() + " rose to " + Decimals.two(value));
    }

    public boolean isFriction() {
        return !name.startsWith("label:");
    }
}
