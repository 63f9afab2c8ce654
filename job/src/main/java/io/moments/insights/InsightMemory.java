package io.moments.insights;

/**
 * What a session remembers for insights (a Flink POJO inside {@code SessionState}): where it is, and
 * its recent visits (a session counts once per page or step and window; a conversion is credited to
 * the visits that led to it). At most {@link InsightTracker#MAX_VISITS} visits; parallel arrays keep
 * it small and free of Kryo.
 */
public class InsightMemory {
    public String page;
    public String pageKind;
    public String step;
    /** {@code dimension|key} of each recent visit, oldest first. */
    public String[] visitKeys = new String[0];
    public long[] visitTs = new long[0];
    public String[] visitBands = new String[0];

    public InsightMemory() {}
}
