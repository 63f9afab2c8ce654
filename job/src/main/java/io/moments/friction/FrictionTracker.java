package io.moments.friction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds one session's interactions to the {@link FrictionDetector} in the session's own event-time
 * order, on arrival. An interaction at or after the session's latest one (the usual case) is matched
 * at once. One that arrives out of order, but within the reorder horizon of the session's latest
 * interaction, is inserted where it happened and the buffered interactions are matched again from
 * the partial matches before them: a moment the corrected order completes is reported then (a
 * contact click that arrived before the pricing view 3 s earlier still makes {@code pricing_contact});
 * a moment already reported is never reported twice, and none is taken back.
 *
 * <p>A checkout pause is due when the session's own events pass its deadline without progress, or,
 * for an abandoned session, when the caller's clock (the watermark) does: {@link #pauseDue}.
 */
public final class FrictionTracker {

    /** Where an interaction went, for metrics. */
    public enum Placement { IN_ORDER, REORDERED, BEYOND_HORIZON }

    public record Result(Placement placement, List<FrictionMoment> moments) {}

    private final FrictionDetector detector;
    private final long horizonMs;
    private final int maxBuffered;
    /** How long a reported moment can still be found again: the horizon plus the longest pattern span. */
    private final long reportedRetentionMs;

    public FrictionTracker(FrictionSettings settings, Duration reorderHorizon, int maxBuffered) {
        this.detector = new FrictionDetector(settings);
        this.horizonMs = reorderHorizon.toMillis();
        this.maxBuffered = maxBuffered;
        long longest = Math.max(Math.max(settings.checkoutPause().toMillis(), settings.pricingContactWithin().toMillis()),
                Math.max(settings.rageClickWithin().toMillis(), settings.formErrorWithin().toMillis()));
        this.reportedRetentionMs = horizonMs + longest;
    }

    public Result onEvent(FrictionTrack t, String sessionId, PatternEvent e) {
        if (t.clock == Long.MIN_VALUE || e.ts >= t.clock) {
            List<FrictionMoment> out = new ArrayList<>(1);
            FrictionMoment pause = pauseBefore(t.current, sessionId, e.ts);
            if (pause != null && report(t, pause)) {
                out.add(pause);
            }
            for (FrictionMoment m : detector.onEvent(t.current, sessionId, e)) {
                if (report(t, m)) {
                    out.add(m);
                }
            }
            t.recent = insert(t.recent, t.recent.length, e);
            t.clock = e.ts;
            trim(t, sessionId);
            return new Result(Placement.IN_ORDER, out);
        }
        if (e.ts < t.clock - horizonMs || e.ts < t.baseClock) {
            return new Result(Placement.BEYOND_HORIZON, List.of());
        }
        t.recent = insert(t.recent, insertionPoint(t.recent, e.ts), e);
        List<FrictionMoment> out = new ArrayList<>(1);
        FrictionState replayed = t.base.copy();
        for (PatternEvent ev : t.recent) {
            FrictionMoment pause = pauseBefore(replayed, sessionId, ev.ts);
            if (pause != null && report(t, pause)) {
                out.add(pause);
            }
            for (FrictionMoment m : detector.onEvent(replayed, sessionId, ev)) {
                if (report(t, m)) {
                    out.add(m);
                }
            }
        }
        // The latest event already passed a pending pause's deadline; a pause the watermark reported is not pending.
        FrictionMoment pause = pauseBefore(replayed, sessionId, t.clock);
        if (pause != null && report(t, pause)) {
            out.add(pause);
        }
        if (replayed.checkoutStepTs != Long.MIN_VALUE && isReported(t, pendingPause(replayed, sessionId))) {
            replayed.checkoutStepTs = Long.MIN_VALUE;
        }
        t.current = replayed;
        trim(t, sessionId);
        return new Result(Placement.REORDERED, out);
    }

    /** When the pending checkout pause is due; {@link Long#MAX_VALUE} when none is pending. */
    public long pauseDeadline(FrictionTrack t) {
        return detector.pauseDeadline(t.current);
    }

    /** The pending checkout pause if its deadline is at or before {@code upTo} (the watermark); else null. */
    public FrictionMoment pauseDue(FrictionTrack t, String sessionId, long upTo) {
        FrictionMoment pause = pauseBefore(t.current, sessionId, upTo);
        return pause != null && report(t, pause) ? pause : null;
    }

    private FrictionMoment pauseBefore(FrictionState s, String sessionId, long ts) {
        return detector.pauseDeadline(s) <= ts ? detector.pause(sessionId, s) : null;
    }

    private FrictionMoment pendingPause(FrictionState s, String sessionId) {
        return detector.pause(sessionId, s.copy());
    }

    private static boolean isReported(FrictionTrack t, FrictionMoment m) {
        for (ReportedMoment r : t.reported) {
            if (r.covers(m)) {
                return true;
            }
        }
        return false;
    }

    /** Records {@code m} as reported; false if it was already. */
    private static boolean report(FrictionTrack t, FrictionMoment m) {
        if (isReported(t, m)) {
            return false;
        }
        ReportedMoment[] next = Arrays.copyOf(t.reported, t.reported.length + 1);
        next[t.reported.length] = new ReportedMoment(m);
        t.reported = next;
        return true;
    }

    /** Moves interactions that left the horizon (or overflow the buffer) into {@link FrictionTrack#base}. */
    private void trim(FrictionTrack t, String sessionId) {
        int drop = 0;
        while (drop < t.recent.length
                && (t.recent.length - drop > maxBuffered || t.recent[drop].ts < t.clock - horizonMs)) {
            PatternEvent ev = t.recent[drop++];
            pauseBefore(t.base, sessionId, ev.ts);
            detector.onEvent(t.base, sessionId, ev);
            t.baseClock = ev.ts;
        }
        if (drop > 0) {
            t.recent = Arrays.copyOfRange(t.recent, drop, t.recent.length);
        }
        long forgetBefore = t.clock - reportedRetentionMs;
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
}
