package io.moments.friction;

/** A friction moment already reported for a session (a Flink POJO), so a re-ordered replay never reports it twice. */
public class ReportedMoment {
    public String pattern;
    public long startTs;
    public long ts;

    public ReportedMoment() {}

    ReportedMoment(FrictionMoment m) {
        this.pattern = m.pattern();
        this.startTs = m.startTs();
        this.ts = m.ts();
    }

    /**
     * The same friction, found again: a pause of the same checkout step, or another pattern's match
     * over an overlapping span of event time.
     */
    boolean covers(FrictionMoment m) {
        if (!pattern.equals(m.pattern())) {
            return false;
        }
        return pattern.equals(FrictionDetector.CHECKOUT_PAUSE) ? startTs == m.startTs()
                : m.startTs() <= ts && startTs <= m.ts();
    }
}
