package io.moments.friction;

/**
 * A session's friction memory (a Flink POJO inside the session state): flink-cep's partial matches
 * after every interaction so far ({@link #memory}), the last interactions within the reorder horizon
 * in event-time order with the partial matches before them ({@link #memoryBase}), and the moments
 * already reported. Replaying {@link #recent} from {@link #memoryBase} gives {@link #memory}; an
 * interaction that arrives out of order is inserted where it happened and the buffer replayed.
 */
public class FrictionTrack {
    /** NFA states and shared buffers of every pattern after all interactions ({@link CepMatcher}'s bytes); null before any. */
    public byte[] memory;
    /** The same after the interactions folded out of {@link #recent}. */
    public byte[] memoryBase;
    /** Earliest deadline of a pending, unreported absence (a checkout pause); MAX_VALUE when none. */
    public long absenceDeadline = Long.MAX_VALUE;
    /** Interactions within the reorder horizon of {@link #clock}, oldest first (ties: arrival order). */
    public PatternEvent[] recent = new PatternEvent[0];
    public ReportedMoment[] reported = new ReportedMoment[0];
    /** Event time of the session's latest interaction; MIN_VALUE before any. */
    public long clock = Long.MIN_VALUE;
    /** Event time of the latest interaction folded into {@link #memoryBase}: nothing before it can be placed. */
    public long baseClock = Long.MIN_VALUE;

    public FrictionTrack() {}
}
