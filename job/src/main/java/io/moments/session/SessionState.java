package io.moments.session;

import io.moments.decide.DecisionHistory;
import io.moments.friction.FrictionTrack;
import io.moments.ingest.Consent;
import io.moments.insights.InsightMemory;
import io.moments.labels.LabelTrack;
import io.moments.labels.VoiceMemory;

/**
 * A session's keyed state (a Flink POJO): labels, partial friction matches, decision history, latest
 * consent, the event ids seen, the voice baseline, lift bookkeeping. No content.
 */
public class SessionState {
    public LabelTrack track = new LabelTrack();
    /**
     * The session's voice baseline (per-feature running statistics, the carried silence): null until its
     * first voice chunk, and in states restored from savepoints written before it existed.
     */
    public VoiceMemory voice;
    /** Friction memory; named apart from the earlier {@code friction} field of another type, so old savepoints restore. */
    public FrictionTrack patterns = new FrictionTrack();
    public DecisionHistory history = new DecisionHistory();
    /** The event ids seen, for dropping repeats. */
    public SeenEvents seen = new SeenEvents();
    /** The most recent consent signals the session sent; null until it sends any. */
    public Consent consent;
    /** Where the session is and its recent visits, for the insight windows. */
    public InsightMemory insight = new InsightMemory();
    public long lastEventAt = Long.MIN_VALUE;
    /** Event time of the session's last label sample. */
    public long lastSampleAt = Long.MIN_VALUE;
    /** Event time of the pending idle-expiry timer. */
    public long expiryTimer = Long.MIN_VALUE;
    /** Event time of the pending checkout-pause timer; MIN_VALUE when none. */
    public long pauseTimer = Long.MIN_VALUE;

    /** First decision of the session (the unit of lift), or null before any. */
    public String firstGroup;
    public String firstIntervention;
    public String firstRule;
    public String firstLabelBand;
    public long firstDecisionAt = Long.MIN_VALUE;
    public boolean outcomeReported;
    /** Last acted decision, for the bandit to learn from. */
    public String actedContext;
    public String actedIntervention;
    public long actedAt = Long.MIN_VALUE;

    public SessionState() {}
}
