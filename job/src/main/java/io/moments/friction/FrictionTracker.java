package io.moments.friction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds one session's interactions to the policy's flink-cep patterns ({@link CepMatcher}) in the
 * session's own event-time order, on arrival. An interaction at or after the session's latest one
 * (the usual case) is matched at once. One that arrives out of order, but within the reorder horizon
 * of the session's latest interaction, is inserted where it happened and the buffered interactions
 * are matched again from the partial matches before them: a moment the corrected order completes is
 * reported then (a contact click that arrived before the pricing view 3 s earlier still makes
 * {@code pricing_contact}); a moment already reported is never reported twice, and none is taken back.
 *
 * <p>An absence (a checkout pause) is due when the session's own events pass its deadline, or, for a
 * session that went quiet, when the caller's clock (the watermark) does: {@link #absencesDue}.
 */
public final class FrictionTracker implements AutoCloseable {

    /** Where an interaction went, for metrics. */
    public enum Placement { IN_ORDER, REORDERED, BEYOND_HORIZON }

    public record Result(Placement placement, List<FrictionMoment> moments) {}

    private final CepMatcher matcher;
    private final long horizonMs;
    private final int maxBuffered;

    public FrictionTracker(Duration reorderHorizon, int maxBuffered) {
        this(reorderHorizon, maxBuffered, new CepMatcher());
    }

    FrictionTracker(Duration reorderHorizon, int maxBuffered, CepMatcher matcher) {
        this.horizonMs = reorderHorizon.toMillis();
        this.maxBuffered = maxBuffered;
        this.matcher = matcher;
    }

    public Result onEvent(FrictionTrack t, CompiledPatterns patterns, String sessionId, PatternEvent e) {
        if (t.clock == Long.MIN_VALUE || e.ts >= t.clock) {
            CepMatcher.Memory m = matcher.decode(patterns, t.memory);
            List<FrictionMoment> out = reportNew(t, matcher.onEvent(m, sessionId, e));
            t.recent = insert(t.recent, t.recent.length, e);
            t.clock = e.ts;
            remember(t, m);
            trim(t, patterns, sessionId);
            return new Result(Placement.IN_ORDER, out);
        }
        if (e.ts < t.clock - horizonMs || e.ts < t.baseClock) {
            return new Result(Placement.BEYOND_HORIZON, List.of());
        }
        t.recent = insert(t.recent, insertionPoint(t.recent, e.ts), e);
        CepMatcher.Memory m = matcher.decode(patterns, t.memoryBase);
        List<FrictionMoment> found = new ArrayList<>(1);
        for (PatternEvent ev : t.recent) {
            found.addAll(matcher.onEvent(m, sessionId, ev));
        }
        List<FrictionMoment> out = reportNew(t, found);
        remember(t, m);
        trim(t, patterns, sessionId);
        return new Result(Placement.REORDERED, out);
    }

    /** When the next unreported absence is due; {@link Long#MAX_VALUE} when none is pending. */
    public long absenceDeadline(FrictionTrack t) {
        return t.absenceDeadline;
    }

    /**
     * The absences due at or before {@code upTo} (the watermark), reported now. The partial matches
     * stay as they are: the session's next event completes them again, and they are not reported twice.
     */
    public List<FrictionMoment> absencesDue(FrictionTrack t, CompiledPatterns patterns, String sessionId, long upTo) {
        if (t.absenceDeadline > upTo) {
            return List.of();
        }
        CepMatcher.Memory scratch = matcher.decode(patterns, t.memory);
        List<FrictionMoment> out = reportNew(t, matcher.advance(scratch, sessionId, upTo));
        t.absenceDeadline = matcher.deadline(scratch, (id, start) -> isReported(t, id, start));
        return out;
    }

    private void remember(FrictionTrack t, CepMatcher.Memory m) {
        t.memory = matcher.encode(m);
        t.absenceDeadline = matcher.deadline(m, (id, start) -> isReported(t, id, start));
    }

    private static boolean isReported(FrictionTrack t, String pattern, long startTs) {
        for (ReportedMoment r : t.reported) {
            if (r.absence && r.pattern.equals(pattern) && r.startTs == startTs) {
                return true;
            }
        }
        return false;
    }

    /** The moments of {@code found} not reported before, now recorded as reported. */
    private static List<FrictionMoment> reportNew(FrictionTrack t, List<FrictionMoment> found) {
        List<FrictionMoment> out = new ArrayList<>(found.size());
        for (FrictionMoment m : found) {
            if (Arrays.stream(t.reported).noneMatch(r -> r.covers(m))) {
                ReportedMoment[] next = Arrays.copyOf(t.reported, t.reported.length + 1);
                next[t.reported.length] = new ReportedMoment(m);
                t.reported = next;
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Folds interactions that left the horizon (or overflow the buffer) into {@link FrictionTrack#memoryBase}.
     * In batches: only once the oldest is two horizons old (or the buffer is full), so the base is
     * rewritten about once a horizon rather than on every interaction.
     */
    private void trim(FrictionTrack t, CompiledPatterns patterns, String sessionId) {
        boolean full = t.recent.length > maxBuffered;
        if (full || (t.recent.length > 0 && t.recent[0].ts < t.clock - 2 * horizonMs)) {
            int keepAtMost = full ? maxBuffered * 3 / 4 : maxBuffered;
            int drop = 0;
            while (drop < t.recent.length
                    && (t.recent.length - drop > keepAtMost || t.recent[drop].ts < t.clock - horizonMs)) {
                drop++;
            }
            CepMatcher.Memory base = matcher.decode(patterns, t.memoryBase);
            for (int i = 0; i < drop; i++) {
                matcher.onEvent(base, sessionId, t.recent[i]);
                t.baseClock = t.recent[i].ts;
            }
            t.memoryBase = matcher.encode(base);
            t.recent = Arrays.copyOfRange(t.recent, drop, t.recent.length);
        }
        long forgetBefore = t.clock - 2 * horizonMs - patterns.longestWithinMs();
        if (Arrays.stream(t.reported).anyMatch(r -> r.ts < forgetBefore)) {
            t.reported = Arrays.stream(t.reported).filter(r -> r.ts >= forgetBefore).toArray(ReportedMoment[]::new);
        }
    }

    /** After the last event at or before {@code ts}: events of one instant keep their arrival order. */
    private static int insertionPoint(PatternEvent[] events, long ts) {
        int i = events.length;
        while (i > 0 && events[i - 1].ts > ts) {
            i--;
        }
        return i;
    }

    private static PatternEvent[] insert(PatternEvent[] events, int at, PatternEvent e) {
        PatternEvent[] next = new PatternEvent[events.length + 1];
        System.arraycopy(events, 0, next, 0, at);
        next[at] = e;
        System.arraycopy(events, at, next, at + 1, events.length - at);
        return next;
    }

    @Override
    public void close() {
        matcher.close();
    }
}
