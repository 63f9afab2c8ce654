package io.moments.session;

import io.moments.decide.Trigger;
import io.moments.friction.CompiledPatterns;
import io.moments.friction.FrictionMoment;
import io.moments.friction.FrictionTracker;
import io.moments.friction.PatternEvent;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.LabelRules;
import io.moments.labels.SessionLabeler;
import io.moments.labels.VoiceMemory;
import io.moments.models.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * What one event does to a session, without Flink: its interaction goes to the friction patterns in
 * the session's own event-time order ({@link FrictionTracker}), a voice chunk's prosody is scored
 * against the session's voice baseline ({@link VoiceMemory}), the event updates consent and the
 * labels, and what that completes is grouped into moments ({@link MomentAssembler}). The session
 * operator keeps the state, timers and outputs around it.
 */
public final class SessionSteps {

    /**
     * What one event did.
     *
     * @param placement  where its interaction went in the session's order (IN_ORDER for other schemas)
     * @param friction   the friction moments it completed (counted in metrics)
     * @param moments    what to decide, in event-time order
     */
    public record Applied(FrictionTracker.Placement placement, List<FrictionMoment> friction,
                          List<SessionMoment> moments) {}

    private final SessionLabeler labeler;
    private final FrictionTracker tracker;

    public SessionSteps(SessionLabeler labeler, FrictionTracker tracker) {
        this.labeler = labeler;
        this.tracker = tracker;
    }

    public Applied apply(String sessionId, SessionState s, ShopperEvent e, LabelRules rules, CompiledPatterns patterns) {
        PatternEvent interaction = PatternEvent.of(e);
        FrictionTracker.Result friction = interaction == null
                ? new FrictionTracker.Result(FrictionTracker.Placement.IN_ORDER, List.of())
                : tracker.onEvent(s.patterns, patterns, sessionId, interaction);
        if (e.consent() != null && e.ts() >= s.lastEventAt) {
            s.consent = e.consent(); // the newest consent in event time wins, whatever order they arrive in
        }
        s.lastEventAt = Math.max(s.lastEventAt, e.ts());
        ShopperEvent scored = scoreVoice(s, e);
        List<Trigger> crossings = new ArrayList<>(1);
        for (Label crossed : labeler.apply(s.track, scored, rules)) {
            crossings.add(Trigger.labelCrossing(crossed, s.track.values.get(crossed)));
        }
        return new Applied(friction.placement(), friction.moments(),
                MomentAssembler.assemble(friction.moments(), e.ts(), crossings));
    }

    /**
     * A voice chunk comes from the inference operator with its prosody only: here it gets its signal, against
     * this session's voice baseline (which it then joins), and loses the prosody. Other events pass as they are.
     */
    static ShopperEvent scoreVoice(SessionState s, ShopperEvent e) {
        if (e.prosody() == null) {
            return e;
        }
        if (s.voice == null) {
            s.voice = new VoiceMemory();
        }
        return e.withSignal(s.voice.score(e.prosody(), e.ts())).withProsody(null);
    }

    /** The session's absences (checkout pauses) whose deadline the watermark passed, as moments. */
    public List<SessionMoment> absencesDue(String sessionId, SessionState s, long watermark, CompiledPatterns patterns) {
        List<FrictionMoment> due = tracker.absencesDue(s.patterns, patterns, sessionId, watermark);
        return MomentAssembler.assemble(due, watermark, List.of());
    }

    /** When the session's next pending absence is due; {@link Long#MAX_VALUE} when none is. */
    public long absenceDeadline(SessionState s) {
        return tracker.absenceDeadline(s.patterns);
    }

}
