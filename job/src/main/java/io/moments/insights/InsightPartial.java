package io.moments.insights;

/**
 * Figures for one page or step in one window, summed from a batch of observations before the shuffle
 * ({@link InsightPreAggregator}); the window adds them up (a Flink POJO; no session or user id, no
 * text).
 */
public class InsightPartial {
    /** {@code page} or {@code step}. */
    public String dimension;
    /** The page's path template or the step. */
    public String key;
    /** Start of the tumbling window the observations fall in, epoch ms. */
    public long windowStart;
    public InsightAccumulator figures;

    public InsightPartial() {}

    InsightPartial(String dimension, String key, long windowStart, InsightAccumulator figures) {
        this.dimension = dimension;
        this.key = key;
        this.windowStart = windowStart;
        this.figures = figures;
    }

    public String windowKey() {
        return dimension + "|" + key;
    }
}
