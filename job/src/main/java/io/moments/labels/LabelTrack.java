package io.moments.labels;

import io.moments.ingest.PageKind;
import io.moments.models.Label;
import io.moments.models.LabelScores;

import java.util.Arrays;

/**
 * Everything the labeler remembers about one session (a Flink POJO kept in keyed state): per-modality
 * smoothed labels with the evidence behind them, the fused labels, their confidence and momentum,
 * the funnel position and a little navigation memory. Holds no user content.
 */
public class LabelTrack {
    /** Fused labels: what decisions see. */
    public LabelScores values = LabelScores.ZERO;
    /** Confidence of each fused label, 0..1. */
    public LabelScores confidence = LabelScores.ZERO;
    /** Smoothed change of each fused label, per minute of event time (positive: rising). */
    public LabelScores momentum = LabelScores.ZERO;
    /** Wire names of the labels the modalities disagree about (names, not ordinals: labels may be added). */
    public String[] conflictingLabels = new String[0];

    public LabelScores behaviour = LabelScores.ZERO;
    public LabelScores behaviourEvidence = LabelScores.ZERO;
    public LabelScores text = LabelScores.ZERO;
    public LabelScores textEvidence = LabelScores.ZERO;
    public LabelScores face = LabelScores.ZERO;
    public LabelScores faceEvidence = LabelScores.ZERO;
    public LabelScores voice = LabelScores.ZERO;
    public LabelScores voiceEvidence = LabelScores.ZERO;

    public long updatedAt = Long.MIN_VALUE;
    /** Wire names of the labels that crossed the threshold and have not yet fallen below the re-arm level. */
    public String[] disarmed = new String[0];

    public FunnelStage stage = FunnelStage.BROWSE;
    public Moment moment = Moment.KNOW;

    public PageKind lastPage;
    public PageKind pageBeforeLast;
    public long lastPageAt = Long.MIN_VALUE;
    public long lastSearchAt = Long.MIN_VALUE;
    public long lastCheckoutStepAt = Long.MIN_VALUE;
    public int events;

    public LabelTrack() {}

    public boolean conflicting(Label label) {
        return contains(conflictingLabels, label);
    }

    /** Whether a crossing of {@code label} may trigger (it has not crossed, or fell back since). */
    public boolean armed(Label label) {
        return !contains(disarmed, label);
    }

    public void setArmed(Label label, boolean armed) {
        if (armed(label) == armed) {
            return;
        }
        disarmed = armed ? Arrays.stream(disarmed).filter(n -> !n.equals(label.wireName())).toArray(String[]::new)
                : append(disarmed, label.wireName());
    }

    static String[] append(String[] names, String name) {
        String[] next = Arrays.copyOf(names == null ? new String[0] : names, names == null ? 1 : names.length + 1);
        next[next.length - 1] = name;
        return next;
    }

    private static boolean contains(String[] names, Label label) {
        if (names == null) {
            return false; // restored from a savepoint written before the field existed
        }
        for (String n : names) {
            if (n.equals(label.wireName())) {
                return true;
            }
        }
        return false;
    }
}
