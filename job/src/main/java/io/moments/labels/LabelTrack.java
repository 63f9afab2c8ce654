package io.moments.labels;

import io.moments.ingest.PageKind;
import io.moments.models.LabelScores;

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
    /** Bit per {@link io.moments.models.Label} ordinal: modalities disagree about that label. */
    public int conflicts;

    public LabelScores behaviour = LabelScores.ZERO;
    public LabelScores behaviourEvidence = LabelScores.ZERO;
    public LabelScores text = LabelScores.ZERO;
    public LabelScores textEvidence = LabelScores.ZERO;
    public LabelScores face = LabelScores.ZERO;
    public LabelScores faceEvidence = LabelScores.ZERO;
    public LabelScores voice = LabelScores.ZERO;
    public LabelScores voiceEvidence = LabelScores.ZERO;

    public long updatedAt = Long.MIN_VALUE;
    /** Bit per label ordinal: set while the label may trigger again. */
    public int armed = 0b111111;

    public FunnelStage stage = FunnelStage.BROWSE;
    public Moment moment = Moment.KNOW;

    public PageKind lastPage;
    public PageKind pageBeforeLast;
    public long lastPageAt = Long.MIN_VALUE;
    public long lastSearchAt = Long.MIN_VALUE;
    public long lastCheckoutStepAt = Long.MIN_VALUE;
    public int events;

    public LabelTrack() {}

    public boolean conflicting(io.moments.models.Label label) {
        return (conflicts & (1 << label.ordinal())) != 0;
    }
}
