package io.moments.insights;

import io.moments.decide.PolicyEngine;
import io.moments.models.Label;
import io.moments.models.LabelScores;

import java.util.List;

/**
 * The frozen label order of insight state: a session's bands as one letter per label (l, m, h for
 * the lift report's low, mid, high) and the windows' per-label arrays follow {@link #ORDER}, which is
 * part of the state format and independent of {@link Label}'s declaration order. A new label is
 * appended; a string written before it is shorter and simply lacks it.
 */
public final class LabelBands {

    /** Never reorder: saved session states and windows depend on it. */
    public static final List<String> ORDER = List.of("hesitation", "confusion", "frustration", "trust_concern",
            "price_sensitivity", "delight");
    public static final String[] BAND_NAMES = {"low", "mid", "high"};

    private LabelBands() {}

    /** Position of a label in {@link #ORDER}. */
    public static int index(Label label) {
        int i = ORDER.indexOf(label.wireName());
        if (i < 0) {
            throw new IllegalStateException("label " + label.wireName() + " missing from LabelBands.ORDER");
        }
        return i;
    }

    public static String encode(LabelScores labels) {
        char[] b = new char[ORDER.size()];
        for (Label label : Label.values()) {
            b[index(label)] = PolicyEngine.band(labels.get(label)).charAt(0);
        }
        return new String(b);
    }

    /** The band (0 low, 1 mid, 2 high) of a label in an encoded string, or -1 when it predates the label. */
    public static int band(String encoded, int labelIndex) {
        if (encoded == null || labelIndex >= encoded.length()) {
            return -1;
        }
        char c = encoded.charAt(labelIndex);
        return c == 'l' ? 0 : c == 'm' ? 1 : 2;
    }
}
