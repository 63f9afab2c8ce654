package io.moments.friction;

/** A friction moment already reported for a session (a Flink POJO), so a re-ordered replay never reports it twice. */
public class ReportedMoment {
    public String pattern;
    public long startTs;
    public long ts;
    /** Added with patterns as data; false in state written before, where only checkout_pause was one. */
    public boolean absence;

    public ReportedMoment() {}

    ReportedMoment(FrictionMoment m) {
        this.pattern = m.pattern();
        this.startTs = m.startTs();
        this.ts = m.ts();
        this.absence = m.absence();
    }

    /**
     * The same friction, found again: an absence after the same first event, or another pattern's
     * match over an overlapping span of event time.
     */
    boolean covers(FrictionMoment m) {
        if (!pattern.equals(m.pattern())) {
            return false;
        }
        return absence || m.absence() ? startTs == m.startTs() : m.startTs() <= ts && startTs <= m.ts();
    }
}
