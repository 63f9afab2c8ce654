package io.moments.friction;

/**
 * A session's friction memory (a Flink POJO inside the session state): the partial matches after
 * every interaction so far ({@link #current}), the last interactions within the reorder horizon in
 * event-time order with the partial matches before them ({@link #base}), and the moments already
 * reported. Replaying {@link #recent} from {@link #base} gives {@link #current}; an interaction that
 * arrives out of order is inserted where it happened and the buffer replayed.
 */
public class FrictionTrack {
    public FrictionState current = new FrictionState();
    public FrictionState base = new FrictionState();
    /** Interactions within the reorder horizon of {@link #clock}, oldest first (ties: arrival order). */
    public PatternEvent[] recent = new PatternEvent[0];
    public ReportedMoment[] reported = new ReportedMoment[0];
    /** Event time of the session's latest interaction; MIN_VALUE before any. */
    public long clock = Long.MIN_VALUE;
    /** Event time of the latest interaction folded into {@link #base}: nothing before it can be placed. */
    public long baseClock = Long.MIN_VALUE;

    public FrictionTrack() {}
}
