package io.moments.session;

import io.moments.decide.Decision;
import io.moments.decide.DefaultPolicy;
import io.moments.decide.Triggers;
import io.moments.friction.FrictionMoment;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.SessionLabeler;
import io.moments.models.Label;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-session stage: applies events to the session's labels and turns friction moments and label
 * crossings into decisions.
 *
 * <p>Inputs are buffered and applied in event-time order when the watermark passes them (ties:
 * events before friction moments, then by id). Label smoothing depends on order, so this is what
 * makes results independent of out-of-order delivery within the watermark bound. All triggers of
 * one event time make one decision. A session idle for {@code sessionIdle} of event time is
 * forgotten; a processing-time state TTL backs that up for sessions whose watermark stalls.
 */
public final class SessionProcessor extends KeyedProcessFunction<String, SessionInput, Decision>
        implements CheckpointedFunction {

    private static final Comparator<SessionInput> EVENT_TIME_ORDER = Comparator
            .comparingLong(SessionInput::ts)
            .thenComparing(in -> in.event() == null) // events first: a moment sees the labels of its time
            .thenComparing(in -> in.event() != null ? in.event().eventId() : in.friction().pattern());

    private final SessionLabeler labeler;
    private final DefaultPolicy policy;
    private final Duration sessionIdle;
    private final Duration stateTtl;

    private transient ValueState<SessionState> session;
    private transient ListState<SessionInput> pending;
    private transient Map<String, Counter> decisionCounters;
    private transient Map<Label, Counter> crossingCounters;
    private transient ListState<Long> activeSessionsState;
    private transient long activeSessions;

    public SessionProcessor(SessionLabeler labeler, DefaultPolicy policy, Duration sessionIdle, Duration stateTtl) {
        this.labeler = labeler;
        this.policy = policy;
        this.sessionIdle = sessionIdle;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
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
        decisionCounters = new HashMap<>();
        crossingCounters = new HashMap<>();
        getRuntimeContext().getMetricGroup().gauge("activeSessions", () -> activeSessions);
    }

    @Override
    public void processElement(SessionInput input, Context ctx, Collector<Decision> out) throws Exception {
        pending.add(input);
        ctx.timerService().registerEventTimeTimer(input.ts());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        SessionState state = session.value();
        List<SessionInput> due = new ArrayList<>();
        List<SessionInput> later = new ArrayList<>();
        for (SessionInput in : pending.get()) {
            (in.ts() <= timestamp ? due : later).add(in);
        }
        if (!due.isEmpty()) {
            pending.update(later);
            if (state == null) {
                state = new SessionState();
                activeSessions++;
            }
            apply(state, due, ctx, out);
            session.update(state);
        } else if (state != null && timestamp == state.expiryTimer && later.isEmpty()) {
            session.clear();
            pending.clear();
            activeSessions--;
        }
    }

    private void apply(SessionState state, List<SessionInput> due, OnTimerContext ctx, Collector<Decision> out) {
        due.sort(EVENT_TIME_ORDER);
        int i = 0;
        while (i < due.size()) {
            long ts = due.get(i).ts();
            List<String> frictionTriggers = new ArrayList<>();
            List<String> frictionDetails = new ArrayList<>();
            List<String> labelTriggers = new ArrayList<>();
            List<String> labelDetails = new ArrayList<>();
            for (; i < due.size() && due.get(i).ts() == ts; i++) {
                SessionInput in = due.get(i);
                if (in.event() != null) {
                    ShopperEvent e = in.event();
                    if (e.consent() != null) {
                        state.consent = e.consent();
                    }
                    state.lastEventAt = Math.max(state.lastEventAt, e.ts());
                    for (Label crossed : labeler.apply(state.track, e)) {
                        crossingCounters.computeIfAbsent(crossed, l -> getRuntimeContext().getMetricGroup()
                                .addGroup("label", l.wireName()).counter("labelCrossings")).inc();
                        labelTriggers.add(Triggers.label(crossed));
                        labelDetails.add(String.format(java.util.Locale.ROOT, "%s rose to %.2f",
                                crossed.wireName(), state.track.values.get(crossed)));
                    }
                } else {
                    FrictionMoment f = in.friction();
                    if (!frictionTriggers.contains(f.pattern())) {
                        frictionTriggers.add(f.pattern());
                        frictionDetails.add(f.detail());
                    }
                }
            }
            frictionTriggers.addAll(labelTriggers);
            frictionDetails.addAll(labelDetails);
            if (!frictionTriggers.isEmpty()) {
                Decision d = policy.decide(ctx.getCurrentKey(), ts, frictionTriggers.toArray(String[]::new),
                        frictionDetails.toArray(String[]::new), state.track, state.consent, state.history,
                        System.currentTimeMillis());
                decisionCounters.computeIfAbsent(d.group() + "/" + d.action().type(), k -> getRuntimeContext()
                        .getMetricGroup().addGroup("group", d.group()).addGroup("action", d.action().type())
                        .counter("decisions")).inc();
                out.collect(d);
            }
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

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        activeSessionsState.update(List.of(activeSessions));
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
    }
}
