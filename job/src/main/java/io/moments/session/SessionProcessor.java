package io.moments.session;

import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.SessionOutcome;
import io.moments.decide.ThompsonBandit;
import io.moments.decide.Triggers;
import io.moments.friction.FrictionDetector;
import io.moments.friction.FrictionMoment;
import io.moments.friction.FrictionSettings;
import io.moments.ingest.InteractionType;
import io.moments.ingest.OutcomeType;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.SessionLabeler;
import io.moments.models.Label;
import io.moments.privacy.ErasureRequest;
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
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-session stage: applies events to the session's labels and friction patterns
 * ({@link FrictionDetector}) and turns friction moments and label crossings into decisions under the
 * active policy (broadcast state, hot-swappable).
 *
 * <p>Events are buffered and applied in event-time order when the watermark passes them (ties: by
 * event id). Label smoothing and pattern matching depend on order, so this is what makes results
 * independent of out-of-order delivery within the watermark bound. All triggers of one event time
 * (friction moments first, then label crossings) make one decision; a checkout pause is established
 * by an event-time timer at its deadline. A session idle for {@code sessionIdle} of event time is
 * forgotten (and its lift outcome reported); a processing-time TTL backs that up. An erasure
 * request forgets the session at once.
 */
public final class SessionProcessor extends KeyedBroadcastProcessFunction<String, SessionInput, String, Decision>
        implements CheckpointedFunction {

    public static final MapStateDescriptor<String, String> POLICY_STATE =
            new MapStateDescriptor<>("policy", Types.STRING, Types.STRING);
    public static final OutputTag<AuditRecord> AUDIT = new OutputTag<>("audit") {};
    public static final OutputTag<SessionOutcome> OUTCOMES = new OutputTag<>("session-outcomes") {};
    public static final OutputTag<ErasureRequest> ERASED = new OutputTag<>("erased") {};

    private static final Logger LOG = LoggerFactory.getLogger(SessionProcessor.class);
    private static final String ACTIVE = "active";
    private static final Comparator<SessionInput> EVENT_TIME_ORDER = Comparator
            .comparingLong(SessionInput::ts)
            .thenComparing(in -> in.event().eventId());

    private final SessionLabeler labeler;
    private final FrictionSettings frictionSettings;
    private final String initialPolicyJson;
    private final Duration sessionIdle;
    private final Duration stateTtl;

    private transient ValueState<SessionState> session;
    private transient ListState<SessionInput> pending;
    private transient Policy policy;
    /** The broadcast-state string the cached {@link #policy} was parsed from (compared by reference first). */
    private transient String policySource;
    private transient ThompsonBandit bandit;
    private transient ListState<ThompsonBandit.Arm> banditState;
    private transient ListState<Long> activeSessionsState;
    private transient long activeSessions;
    private transient Map<String, Counter> decisionCounters;
    private transient Map<Label, Counter> crossingCounters;
    private transient FrictionDetector friction;
    private transient Map<String, Counter> frictionMatches;
    private transient Counter erasures;
    private transient Counter behindWatermark;

    public SessionProcessor(SessionLabeler labeler, FrictionSettings frictionSettings, String initialPolicyJson,
                            Duration sessionIdle, Duration stateTtl) {
        this.labeler = labeler;
        this.frictionSettings = frictionSettings;
        this.initialPolicyJson = initialPolicyJson;
        this.sessionIdle = sessionIdle;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<SessionState> sessionDescriptor = new ValueStateDescriptor<>("session", SessionState.class);
        sessionDescriptor.enableTimeToLive(ttl);
        session = getRuntimeContext().getState(sessionDescriptor);
        ListStateDescriptor<SessionInput> pendingDescriptor = new ListStateDescriptor<>("pending", SessionInput.class);
        pendingDescriptor.enableTimeToLive(ttl);
        pending = getRuntimeContext().getListState(pendingDescriptor);
        policy = Policy.parse(initialPolicyJson);
        decisionCounters = new HashMap<>();
        crossingCounters = new HashMap<>();
        friction = new FrictionDetector(frictionSettings);
        frictionMatches = new HashMap<>();
        for (String pattern : FrictionDetector.PATTERNS) {
            frictionMatches.put(pattern, getRuntimeContext().getMetricGroup().addGroup("pattern", pattern)
                    .counter("frictionMatches"));
        }
        erasures = getRuntimeContext().getMetricGroup().counter("erasures");
        behindWatermark = getRuntimeContext().getMetricGroup().counter("inputsBehindWatermark");
        getRuntimeContext().getMetricGroup().gauge("activeSessions", () -> activeSessions);
    }

    @Override
    public void processBroadcastElement(String policyJson, Context ctx, Collector<Decision> out) throws Exception {
        // Policies are validated before they are broadcast; a parse failure here means a bug, not bad input.
        Policy incoming = Policy.parse(policyJson);
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
        pending.add(input);
        if (input.ts() <= ctx.timerService().currentWatermark()) {
            // Already behind this operator's watermark (it can run ahead of one input path, e.g. across
            // idle channels): an event-time timer would wait for the next watermark, so apply it now.
            behindWatermark.inc();
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime());
        } else {
            ctx.timerService().registerEventTimeTimer(input.ts());
        }
    }

    @Override
    public void onTimer(long timer, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        long timestamp = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME
                ? timer : ctx.timerService().currentWatermark();
        Policy active = activePolicy(ctx.getBroadcastState(POLICY_STATE));
        SessionState state = session.value();
        List<SessionInput> due = new ArrayList<>();
        List<SessionInput> later = new ArrayList<>();
        for (SessionInput in : pending.get()) {
            (in.ts() <= timestamp ? due : later).add(in);
        }
        boolean pauseDue = state != null && friction.pauseDeadline(state.friction) <= timestamp;
        if (!due.isEmpty() || pauseDue) {
            pending.update(later);
            if (state == null) {
                state = new SessionState();
                activeSessions++;
            }
            apply(active, state, due, timestamp, ctx, out);
            session.update(state);
        } else if (state != null && timer == state.expiryTimer && later.isEmpty()) {
            reportOutcome(state, ctx, false, 0, timestamp);
            session.clear();
            pending.clear();
            activeSessions--;
        }
    }

    /** Applies the due events and any pause deadline up to {@code upTo}, in event-time order. */
    private void apply(Policy active, SessionState state, List<SessionInput> due, long upTo, OnTimerContext ctx,
                       Collector<Decision> out) {
        due.sort(EVENT_TIME_ORDER);
        int i = 0;
        while (i < due.size() || friction.pauseDeadline(state.friction) <= upTo) {
            long pauseAt = friction.pauseDeadline(state.friction);
            long ts = i < due.size() ? Math.min(due.get(i).ts(), pauseAt) : pauseAt;
            List<String> frictionTriggers = new ArrayList<>();
            List<String> frictionDetails = new ArrayList<>();
            List<String> labelTriggers = new ArrayList<>();
            List<String> labelDetails = new ArrayList<>();
            if (pauseAt == ts) {
                addMoment(friction.pause(ctx.getCurrentKey(), state.friction), frictionTriggers, frictionDetails);
            }
            for (; i < due.size() && due.get(i).ts() == ts; i++) {
                ShopperEvent e = due.get(i).event();
                for (FrictionMoment moment : friction.onEvent(state.friction, e)) {
                    addMoment(moment, frictionTriggers, frictionDetails);
                }
                if (e.consent() != null) {
                    state.consent = e.consent();
                }
                state.lastEventAt = Math.max(state.lastEventAt, e.ts());
                if (isConversion(e)) {
                    double value = e.outcome() != null && e.outcome().value() != null ? e.outcome().value()
                            : e.interaction() != null && e.interaction().value() != null ? e.interaction().value() : 0;
                    reportOutcome(state, ctx, true, value, e.ts());
                }
                for (Label crossed : labeler.apply(state.track, e, active.labels())) {
                    crossingCounters.computeIfAbsent(crossed, l -> getRuntimeContext().getMetricGroup()
                            .addGroup("label", l.wireName()).counter("labelCrossings")).inc();
                    labelTriggers.add(Triggers.label(crossed));
                    labelDetails.add(String.format(Locale.ROOT, "%s rose to %.2f",
                            crossed.wireName(), state.track.values.get(crossed)));
                }
            }
            frictionTriggers.addAll(labelTriggers);
            frictionDetails.addAll(labelDetails);
            if (!frictionTriggers.isEmpty()) {
                decide(active, state, ts, frictionTriggers, frictionDetails, ctx, out);
            }
        }
        long pauseAt = friction.pauseDeadline(state.friction);
        if (pauseAt != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(pauseAt);
        }
        long expiry = state.lastEventAt + sessionIdle.toMillis();
        if (state.lastEventAt != Long.MIN_VALUE && expiry != state.expiryTimer) {
            if (state.expiryTimer != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(state.expiryTimer);
            }
            state.expiryTimer = expiry;
            ctx.timerService().registerEventTimeTimer(expiry);
        }
    }

    private void addMoment(FrictionMoment moment, List<String> triggers, List<String> details) {
        frictionMatches.get(moment.pattern()).inc();
        if (!triggers.contains(moment.pattern())) {
            triggers.add(moment.pattern());
            details.add(moment.detail());
        }
    }

    private void decide(Policy active, SessionState state, long ts, List<String> triggers, List<String> details,
                        OnTimerContext ctx, Collector<Decision> out) {
        PolicyEngine.Verdict v = PolicyEngine.decide(active, ctx.getCurrentKey(), ts, triggers.toArray(String[]::new),
                details.toArray(String[]::new), state.track, state.consent, state.history, bandit,
                System.currentTimeMillis());
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
        out.collect(d);
        ctx.output(AUDIT, v.audit());
    }

    /**
     * A conversion within the attribution window after the first decision is reported once; the
     * bandit learns success from it, or failure when the session expires without one.
     */
    private void reportOutcome(SessionState state, OnTimerContext ctx, boolean converted, double value, long ts) {
        if (state.firstGroup == null || state.outcomeReported) {
            return;
        }
        boolean attributed = converted && ts - state.firstDecisionAt <= policy.learning().attributionWindowMs();
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

    private static boolean isConversion(ShopperEvent e) {
        return e.is(InteractionType.PURCHASE)
                || (e.outcome() != null && (e.outcome().type() == OutcomeType.PURCHASE || e.outcome().type() == OutcomeType.LEAD));
    }

    private void erase(ErasureRequest request, ReadOnlyContext ctx) throws Exception {
        SessionState state = session.value();
        if (state != null) {
            if (state.expiryTimer != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(state.expiryTimer);
            }
            activeSessions--;
        }
        session.clear();
        pending.clear();
        erasures.inc();
        ctx.output(ERASED, request);
    }

    private Policy activePolicy(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String json = state.get(ACTIVE);
        if (json != null && json != policySource) {
            if (!json.equals(policy.json())) {
                policy = Policy.parse(json);
            }
            policySource = json;
        }
        return policy;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        activeSessionsState.update(List.of(activeSessions));
        banditState.update(bandit.arms());
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
        // Each subtask learns from its own sessions; its posteriors are split across subtasks on rescale.
        banditState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("bandit", ThompsonBandit.Arm.class));
        bandit = new ThompsonBandit();
        bandit.restore(banditState.get());
    }
}
