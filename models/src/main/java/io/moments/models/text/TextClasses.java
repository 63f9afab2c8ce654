package io.moments.models.text;

import io.moments.models.Label;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 7 classes of the text head, in the order of its output: the 6 {@link Label}s in declaration
 * order, then {@code neutral} (no emotional signal).
 */
public final class TextClasses {

    /** Wire name of the class for texts with no emotional signal. */
    public static final String NEUTRAL = "neutral";

    /** Number of classes (6 labels + neutral). */
    public static final int COUNT = Label.values().length + 1;

    /** Output index of {@link #NEUTRAL}. */
    public static final int NEUTRAL_INDEX = COUNT - 1;

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Label label : Label.values()) {
            names.add(label.wireName());
        }
        names.add(NEUTRAL);
        NAMES = Collections.unmodifiableList(names);
    }

    private TextClasses() {}

    /** The class wire names in output order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The wire name of class {@code index}. */
    public static String name(int index) {
        return NAMES.get(index);
    }

    /** The index of a class wire name. */
    public static int indexOf(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown text class: " + name);
        }
        return index;
    }

    /** The label of class {@code index}, or {@code null} for neutral. */
    public static Label label(int index) {
        return index == NEUTRAL_INDEX ? null : Label.values()[index];
    }
}
