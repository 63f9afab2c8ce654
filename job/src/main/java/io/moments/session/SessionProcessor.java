package io.moments.session;

import io.moments.config.MomentsSettings;
import io.moments.decide.Action;
import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.Holdout;
import io.moments.decide.SessionOutcome;
import io.moments.decide.ThompsonBandit;
import io.moments.friction.CompiledPatterns;
import io.moments.friction.FrictionMoment;
import io.moments.friction.FrictionTracker;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.insights.InsightTracker;
import io.moments.insights.Observation;
import io.moments.labels.LabelSample;
import io.moments.labels.SessionLabeler;
import io.moments.privacy.ErasureRequest;
import io.moments.privacy.PersonalizationConsent;
import io.moments.sink.JsonCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The per-session stage: drops repeated event ids (dead letters with their reason), applies each other event to its session on arrival, in the session's
 * own event-time order ({@link SessionSteps}), and turns friction moments and label crossings into
 * decisions under the active policy (broadcast state, hot-swappable). An active session's state is
 * at hand ({@link SessionStateCache}): read once, written once per checkpoint when run by
 * {@link SessionOperator} (else on every change); the ids seen live in it ({@link SeenEvents}).
 *
 * <p>The watermark clocks only what no event can: a checkout pause of a session that goes quiet (an
 * event-time timer at its deadline, or a little after the watermark for a session that arrives
 * behind it) and idle expiry. So a moment is decided as soon as the event that completes it arrives,
 * and an event behind the watermark still counts for its session. A session idle for the idle
 * timeout of event time is forgotten (and its lift outcome reported); a processing-time TTL backs
 * that up; the expiry timer is moved lazily (re-registered when it fires early), not on every event.
 * An erasure request forgets the session at once.
 */
public final class SessionProcessor extends KeyedBroadcastProcessFunction<String, SessionInput, String, Decision>
        implements CheckpointedFunction {

    public static final MapStateDescriptor<String, String> POLICY_STATE =
            new MapStateDescriptor<>("policy", Types.STRING, Types.STRING);
    public static final OutputTag<AuditRecord> AUDIT = new OutputTag<>("audit") {};
    public static final OutputTag<SessionOutcome> OUTCOMES = new OutputTag<>("session-outcomes") {};
    public static final OutputTag<ErasureRequest> ERASED = new OutputTag<>("erased") {};
    /** What the insight windows count: visits, moments and conversions per page and step. */
    public static final OutputTag<Observation> OBSERVATIONS = new OutputTag<>("insight-observations") {};
    /** Each session's labels over time, at most once per sample interval of its event time. */
    public static final OutputTag<LabelSample> LABEL_SAMPLES = new OutputTag<>("label-samples") {};

    /** Interactions a session keeps for re-ordering (with the horizon, bounds the buffer of a chatty session). */
    static final int REORDER_BUFFER = 64;

    private static final Logger LOG = LoggerFactory.getLogger(SessionProcessor.class);
    private static final String ACTIVE = "active";

    private final SessionLabeler labeler;
    private final String initialPolicyJson;
    private final MomentsSettings.Session timing;
    private final MomentsSettings.Insights analytics;

    private transient ValueState<SessionState> session;
    private transient SessionStateCache cache;
    /** Set by {@link SessionOperator}: switches the current key so the cache can write other sessions back. */
    private transient Consumer<String> setCurrentKey;
    private transient Counter stateWrites;
    private transient SessionSteps steps;
    private transient InsightTracker insights;
    private transient Policy policy;
    /** The active policy's friction patterns, compiled to flink-cep NFAs once per policy. */
    private transient CompiledPatterns patterns;
    private transient FrictionTracker tracker;
    /** The broadcast-state string the cached {@link #policy} was parsed from (compared by reference first). */
    private transient String policySource;
    private transient ThompsonBandit bandit;
    private transient ListState<ThompsonBandit.Evidence> banditEvidence;
    private transient ListState<Long> activeSessionsState;
    private transient long activeSessions;
    private transient Map<String, Counter> decisionCounters;
    private transient Map<String, Counter> consentCounters;
    private transient Map<String, Counter> crossingCounters;
    private transient Map<String, Counter> frictionMatches;
    private transient Map<FrictionTracker.Placement, Counter> placements;
    private transient Counter erasures;
    private transient Counter pausesByWatermark;
    private transient Counter duplicates;

    public SessionProcessor(SessionLabeler labeler, String initialPolicyJson, MomentsSettings.Session timing,
                            MomentsSettings.Insights analytics) {
        this.labeler = labeler;
        this.initialPolicyJson = initialPolicyJson;
        this.timing = timing;
        this.analytics = analytics;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(timing.stateTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<SessionState> sessionDescriptor = new ValueStateDescriptor<>("session", SessionState.class);
        sessionDescriptor.enableTimeToLive(ttl);
        session = getRuntimeContext().getState(sessionDescriptor);
        cache = new SessionStateCache(timing.stateCache(), timing.stateTtl().toMillis());
        tracker = new FrictionTracker(timing.reorderHorizon(), REORDER_BUFFER);
        steps = new SessionSteps(labeler, tracker);
        insights = new InsightTracker(analytics.window().toMillis(), timing.allowedLateness().toMillis());
        usePolicy(Policy.parse(initialPolicyJson, timing.idle()));
        decisionCounters = new HashMap<>();
        consentCounters = new HashMap<>();
        crossingCounters = new HashMap<>();
        frictionMatches = new HashMap<>();
        placements = new EnumMap<>(FrictionTracker.Placement.class);
        placements.put(FrictionTracker.Placement.REORDERED, getRuntimeContext().getMetricGroup()
                .counter("interactionsReordered"));
        placements.put(FrictionTracker.Placement.BEYOND_HORIZON, getRuntimeContext().getMetricGroup()
                .counter("interactionsBeyondReorderHorizon"));
        erasures = getRuntimeContext().getMetricGroup().counter("erasures");
        pausesByWatermark = getRuntimeContext().getMetricGroup().counter("pausesByWatermark");
        duplicates = getRuntimeContext().getMetricGroup().addGroup("reason", "duplicate").counter("deadLetters");
        getRuntimeContext().getMetricGroup().gauge("activeSessions", () -> activeSessions);
        getRuntimeContext().getMetricGroup().gauge("stateCacheHits", () -> cache.hits());
        getRuntimeContext().getMetricGroup().gauge("stateCacheMisses", () -> cache.misses());
        getRuntimeContext().getMetricGroup().gauge("stateCacheSize", cache::size);
        stateWrites = getRuntimeContext().getMetricGroup().counter("stateWrites");
    }

    @Override
    public void processBroadcastElement(String policyJson, Context ctx, Collector<Decision> out) throws Exception {
        // Policies are validated before they are broadcast; a parse failure here means a bug, not bad input.
        Policy incoming = Policy.parse(policyJson, timing.idle());
        BroadcastState<String, String> state = ctx.getBroadcastState(POLICY_STATE);
        state.put(ACTIVE, incoming.json());
        LOG.info("policy {} active", incoming.version());
    }

    @Override
    public void processElement(SessionInput input, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        if (input.erasure() != null) {
            erase(input.erasure(), ctx);
            return;
        }
        ShopperEvent e = input.event();
        SessionState state = load(ctx);
        boolean fresh = state == null;
        if (fresh) {
            state = new SessionState();
        }
        if (!state.seen.add(e.eventId(), e.ts(), timing.dedupeWindow().toMillis())) {
            duplicates.inc();
            deadLetter(ctx, DeadLetterReason.DUPLICATE, "eventId already seen in this session", e);
            return;
        }
        if (fresh) {
            activeSessions++;
        }
        Policy active = activePolicy(ctx.getBroadcastState(POLICY_STATE));
        boolean newest = e.ts() >= state.lastEventAt;
        SessionSteps.Applied applied = steps.apply(ctx.getCurrentKey(), state, e, active.labels(), patterns);
        String group = Holdout.isHeldOut(ctx.getCurrentKey(), active.holdoutPercent()) ? Decision.HOLDOUT : Decision.TREATMENT;
        observe(ctx, insights.onEvent(state.insight, e, state.track, group, newest));
        sampleLabels(state, e.ts(), newest, ctx);
        Counter placed = placements.get(applied.placement());
        if (placed != null) {
            placed.inc();
        }
        for (FrictionMoment m : applied.friction()) {
            countMatch(m.pattern());
        }
        // A conversion counts after the moments before it and before those of its own instant, as in event time.
        double conversion = SessionOutcome.conversionValue(e);
        for (SessionMoment moment : applied.moments()) {
            if (!Double.isNaN(conversion) && moment.ts() >= e.ts()) {
                reportOutcome(state, ctx, true, conversion, e.ts());
                conversion = Double.NaN;
            }
            decide(active, state, moment, ctx, out);
        }
        if (!Double.isNaN(conversion)) {
            reportOutcome(state, ctx, true, conversion, e.ts());
        }
        if (!Double.isNaN(SessionOutcome.conversionValue(e))) {
            observe(ctx, insights.onConversion(state.insight, e.ts(), group));
        }
        scheduleTimers(state, ctx.timerService());
        store(ctx, state);
    }

    @Override
    public void onTimer(long timer, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        SessionState state = load(ctx);
        if (state == null) {
            return;
        }
        boolean changed = false;
        if (timer == state.pauseTimer) {
            state.pauseTimer = Long.MIN_VALUE;
            Policy active = activePolicy(ctx.getBroadcastState(POLICY_STATE));
            for (SessionMoment pause : steps.absencesDue(ctx.getCurrentKey(), state,
                    ctx.timerService().currentWatermark(), patterns)) {
                pausesByWatermark.inc();
                pause.triggers().forEach(t -> countMatch(t.name()));
                decide(active, state, pause, ctx, out);
            }
            scheduleTimers(state, ctx.timerService());
            changed = true;
        }
        // Not "else": a lazily kept expiry timer and a pause timer may fall on the same instant (one timer).
        if (timer == state.expiryTimer) {
            long due = expiryDue(state);
            // Due by the watermark, not by this timer: at the end of input the watermark passes every expiry at once.
            if (due <= ctx.timerService().currentWatermark()) {
                reportOutcome(state, ctx, false, 0, timer);
                if (state.pauseTimer != Long.MIN_VALUE) {
                    ctx.timerService().deleteEventTimeTimer(state.pauseTimer);
                }
                forget(ctx);
                activeSessions--;
                return;
            }
            // Events since it was set moved the expiry on: the timer follows now, not on every event.
            state.expiryTimer = due;
            ctx.timerService().registerEventTimeTimer(due);
            changed = true;
        }
        if (changed) {
            store(ctx, state);
        }
    }

    /** The current session's state: the one at hand, or else the backend's. */
    private SessionState load(ReadOnlyContext ctx) throws Exception {
        SessionState cached = cache.get(ctx.getCurrentKey(), ctx.currentProcessingTime());
        return cached != null ? cached : session.value();
    }

    /** The current session's state changed: write it now (write-through) or before the next barrier. */
    private void store(ReadOnlyContext ctx, SessionState state) throws Exception {
        String key = ctx.getCurrentKey();
        if (setCurrentKey == null) {
            write(state);
            cache.put(key, state, false, ctx.currentProcessingTime());
            return;
        }
        SessionStateCache.Dirty evicted = cache.put(key, state, true, ctx.currentProcessingTime());
        if (evicted != null) {
            setCurrentKey.accept(evicted.sessionId());
            write(evicted.state());
            setCurrentKey.accept(key);
        }
    }

    /** Write-back mode: states are written at {@link #writeBack} and on eviction, under their own key. */
    void writeBackWith(Consumer<String> keySwitch) {
        this.setCurrentKey = keySwitch;
    }

    /** Writes every state changed since the last barrier to the state backend (before the next one). */
    void writeBack() throws Exception {
        for (SessionStateCache.Dirty d : cache.drainDirty(System.currentTimeMillis())) {
            setCurrentKey.accept(d.sessionId());
            write(d.state());
        }
    }

    private void write(SessionState state) throws Exception {
        session.update(state);
        stateWrites.inc();
    }

    private void forget(ReadOnlyContext ctx) {
        session.clear();
        cache.remove(ctx.getCurrentKey());
    }

    private void deadLetter(ReadOnlyContext ctx, DeadLetterReason reason, String detail, ShopperEvent e) {
        ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofEvent(reason, detail, "session-stage", e,
                JsonCodec.eventJson(e), System.currentTimeMillis()));
    }

    private void countMatch(String pattern) {
        frictionMatches.computeIfAbsent(pattern, p -> getRuntimeContext().getMetricGroup().addGroup("pattern", p)
                .counter("frictionMatches")).inc();
    }

    /**
     * One timer for the next pending absence (a checkout pause): at its deadline, but not before the
     * watermark has moved on by the late grace (a session arriving behind the watermark delivers the
     * rest of its batch first); and one for idle expiry, after the pause — set once, and moved on
     * only when it fires before the session is due ({@link #expiryDue}).
     */
    private void scheduleTimers(SessionState state, TimerService timers) {
        long deadline = steps.absenceDeadline(state);
        long pauseAt = deadline == Long.MAX_VALUE ? Long.MIN_VALUE
                : Math.max(deadline, timers.currentWatermark() + timing.lateGrace().toMillis());
        if (pauseAt != state.pauseTimer) {
            if (state.pauseTimer != Long.MIN_VALUE) {
                timers.deleteEventTimeTimer(state.pauseTimer);
            }
            if (pauseAt != Long.MIN_VALUE) {
                timers.registerEventTimeTimer(pauseAt);
            }
            state.pauseTimer = pauseAt;
        }
        if (state.lastEventAt != Long.MIN_VALUE && state.expiryTimer == Long.MIN_VALUE) {
            state.expiryTimer = expiryDue(state);
            timers.registerEventTimeTimer(state.expiryTimer);
        }
    }

    /** When the session expires: idle since its newest event, and after its pending pause. */
    private long expiryDue(SessionState state) {
        return Math.max(state.lastEventAt + timing.idle().toMillis(),
                state.pauseTimer == Long.MIN_VALUE ? Long.MIN_VALUE : state.pauseTimer + 1);
    }

    private void decide(Policy active, SessionState state, SessionMoment moment, ReadOnlyContext ctx,
                        Collector<Decision> out) {
        for (var t : moment.triggers()) {
            if (!t.isFriction()) {
                crossingCounters.computeIfAbsent(t.name(), n -> getRuntimeContext().getMetricGroup()
                        .addGroup("label", n.substring("label:".length())).counter("labelCrossings")).inc();
            }
        }
        long ts = moment.ts();
        PolicyEngine.Verdict v = PolicyEngine.decide(active, ctx.getCurrentKey(), ts, moment.triggers(), state.track,
                state.consent, state.history, bandit, System.currentTimeMillis());
        Decision d = v.decision();
        if (state.firstGroup == null) {
            state.firstGroup = d.group();
            state.firstIntervention = d.action().intervention();
            state.firstRule = d.rule();
            state.firstLabelBand = PolicyEngine.band(d.labels().get(d.labels().strongest()));
            state.firstDecisionAt = ts;
            ctx.output(OUTCOMES, outcome(ctx.getCurrentKey(), state, false, 0, ts));
        }
        if (v.acted()) {
            state.actedContext = v.banditContext();
            state.actedIntervention = d.action().intervention();
            state.actedAt = ts;
        }
        decisionCounters.computeIfAbsent(d.group() + "/" + d.action().type(), k -> getRuntimeContext()
                .getMetricGroup().addGroup("group", d.group()).addGroup("action", d.action().type())
                .counter("decisions")).inc();
        countConsent(v.consent());
        observe(ctx, insights.onMoment(state.insight, ts, d.triggers(),
                d.action().type().equals(Action.NONE) ? Action.NONE : d.action().intervention(), d.group()));
        out.collect(d);
        ctx.output(AUDIT, v.audit());
    }

    /** The session's labels after its newest event, once per sample interval of its event time. */
    private void sampleLabels(SessionState state, long ts, boolean newest, ReadOnlyContext ctx) {
        long interval = analytics.labelSampleInterval().toMillis();
        if (interval > 0 && newest && (state.lastSampleAt == Long.MIN_VALUE || ts - state.lastSampleAt >= interval)) {
            state.lastSampleAt = ts;
            ctx.output(LABEL_SAMPLES, new LabelSample(ctx.getCurrentKey(), ts, state.track.values, state.track.confidence,
                    state.track.stage, state.track.moment));
        }
    }

    private static void observe(ReadOnlyContext ctx, List<Observation> observations) {
        for (Observation o : observations) {
            ctx.output(OBSERVATIONS, o);
        }
    }

    /**
     * A conversion within the attribution window after the first decision is reported once; the
     * bandit learns success from it, or failure when the session expires without one.
     */
    private void reportOutcome(SessionState state, ReadOnlyContext ctx, boolean converted, double value, long ts) {
        if (state.firstGroup == null || state.outcomeReported) {
            return;
        }
        boolean attributed = converted
                && SessionOutcome.attributed(state.firstDecisionAt, ts, policy.learning().attributionWindowMs());
        if (converted && !attributed) {
            return; // converted long after the decision: not attributed to it
        }
        state.outcomeReported = true;
        if (attributed) {
            ctx.output(OUTCOMES, outcome(ctx.getCurrentKey(), state, true, value, ts));
        }
        if (state.actedContext != null) {
            bandit.learn(state.actedContext, state.actedIntervention, attributed);
        }
    }

    private static SessionOutcome outcome(String sessionId, SessionState state, boolean converted, double value, long ts) {
        return new SessionOutcome(sessionId, state.firstGroup, state.firstIntervention, state.firstRule,
                state.firstLabelBand, converted, value, state.firstDecisionAt, ts);
    }

    /** Decisions by jurisdiction, the kind of signal that decided, and whether personalization was allowed. */
    private void countConsent(PersonalizationConsent c) {
        String signal = c.signal().startsWith("gpp") ? "gpp" : c.signal(); // per section would multiply the series
        consentCounters.computeIfAbsent(c.jurisdiction() + "/" + signal + "/" + c.allowed(), k -> getRuntimeContext()
                .getMetricGroup().addGroup("jurisdiction", c.jurisdiction()).addGroup("signal", signal)
                .addGroup("personalized", String.valueOf(c.allowed())).counter("consentDecisions")).inc();
    }

    private void erase(ErasureRequest request, ReadOnlyContext ctx) throws Exception {
        SessionState state = load(ctx);
        if (state != null) {
            if (state.expiryTimer != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(state.expiryTimer);
            }
            if (state.pauseTimer != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(state.pauseTimer);
            }
            activeSessions--;
        }
        forget(ctx);
        erasures.inc();
        ctx.output(ERASED, request);
    }

    private Policy activePolicy(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String json = state.get(ACTIVE);
        if (json != null && json != policySource) {
            if (!json.equals(policy.json())) {
                usePolicy(Policy.parse(json, timing.idle()));
            }
            policySource = json;
        }
        return policy;
    }

    /**
     * Switches to {@code next}. Its patterns apply from each session's next event on: partial matches
     * of a pattern it removed or changed are dropped then (a changed one starts from none), those of
     * unchanged patterns carry on.
     */
    private void usePolicy(Policy next) {
        policy = next;
        patterns = new CompiledPatterns(next.patterns());
    }

    @Override
    public void close() throws Exception {
        if (tracker != null) {
            tracker.close();
        }
        super.close();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        activeSessionsState.update(List.of(activeSessions));
        banditEvidence.update(bandit.snapshot(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        activeSessionsState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("active-sessions", Long.class));
        // Union state hands every subtask all counts; subtask 0 keeps the total so the sum stays right.
        long total = 0;
        for (Long n : activeSessionsState.get()) {
            total += n;
        }
        activeSessions = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 ? total : 0;
        // Union state: every subtask restores every subtask's evidence and merges it (ThompsonBandit).
        banditEvidence = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("bandit-evidence", ThompsonBandit.Evidence.class));
        bandit = new ThompsonBandit();
        bandit.restore(banditEvidence.get());
        // Savepoints of releases before 2026-12-02 split the posteriors among subtasks: read them once
        // as each subtask's own learning (merged at the next restore), then leave that state empty.
        ListState<ThompsonBandit.Arm> split = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("bandit", ThompsonBandit.Arm.class));
        bandit.restoreSplit(split.get());
        split.clear();
    }
}
