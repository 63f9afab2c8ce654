package io.moments.labels;

import io.moments.ingest.PageKind;

/**
 * Everything the labeler remembers about one session (a Flink POJO kept in keyed state): smoothed
 * labels, the evidence behind them, the funnel position and a little navigation memory. Holds no
 * user content.
 */
public class LabelTrack {
    /** Smoothed labels as of {@link #updatedAt}. */
    public LabelScores values = LabelScores.ZERO;
    /** Decayed count of observations behind each label: the basis of its confidence. */
    public LabelScores evidence = LabelScores.ZERO;
    /** Label values at the previous update, to tell the trend. */
    public LabelScores previous = LabelScores.ZERO;
    public long updatedAt = Long.MIN_VALUE;
    /** Bit per {@link io.moments.models.Label} ordinal: set while the label may trigger again. */
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
}
