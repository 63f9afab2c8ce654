package io.moments.insights;

/**
 * One {@code insight/v1} row (a Flink POJO): a page's or step's figures in one event-time window.
 * A row for a window that has fired before (a late event arrived within the allowed lateness) is an
 * {@link #update}: it replaces the earlier row of the same window, dimension and key.
 */
public class Insight {
    public static final String SCHEMA = "insight/v1";
    public static final String OTHER = "other";

    public long windowStart;
    public long windowEnd;
    public String dimension;
    public String key;
    public InsightAccumulator figures;
    public boolean update;
    /** Processing time it was emitted, epoch ms. */
    public long emittedAt;

    public Insight() {}

    public Insight(long windowStart, long windowEnd, String dimension, String key, InsightAccumulator figures,
                   boolean update, long emittedAt) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.dimension = dimension;
        this.key = key;
        this.figures = figures;
        this.update = update;
        this.emittedAt = emittedAt;
    }

    /** The Kafka key (and compaction key): one row per window, dimension and key. */
    public String recordKey() {
        return dimension + ":" + key + "@" + windowStart;
    }
}
