package io.moments.insights;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Bounds the pages (or steps) of one window: keyed by dimension and window start, the first
 * {@code maxKeys} keys to report pass as they are; later ones are folded into one {@code other} row,
 * re-emitted as an update whenever it grows (a late update of a folded key replaces its earlier share).
 * State is cleared when the window no longer takes late events.
 */
public final class InsightCap extends KeyedProcessFunction<String, Insight, Insight> {

    private final int maxKeys;
    private final long allowedLatenessMs;
    private transient MapState<String, Boolean> admitted;
    private transient MapState<String, InsightAccumulator> folded;
    private transient ValueState<Integer> admittedCount;
    private transient ValueState<Boolean> otherEmitted;
    private transient Counter foldedRows;

    public InsightCap(int maxKeys, long allowedLatenessMs) {
        this.maxKeys = maxKeys;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(OpenContext context) {
        admitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("admitted", String.class, Boolean.class));
        folded = getRuntimeContext().getMapState(new MapStateDescriptor<>("folded", String.class, InsightAccumulator.class));
        admittedCount = getRuntimeContext().getState(new ValueStateDescriptor<>("admitted-count", Integer.class));
        otherEmitted = getRuntimeContext().getState(new ValueStateDescriptor<>("other-emitted", Boolean.class));
        foldedRows = getRuntimeContext().getMetricGroup().counter("insightKeysFolded");
    }

    @Override
    public void processElement(Insight insight, Context ctx, Collector<Insight> out) throws Exception {
        int count = admittedCount.value() == null ? 0 : admittedCount.value();
        if (count == 0 && folded.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(insight.windowEnd - 1 + allowedLatenessMs);
        }
        if (admitted.contains(insight.key) || (count < maxKeys && !folded.contains(insight.key))) {
            if (!admitted.contains(insight.key)) {
                admitted.put(insight.key, true);
                admittedCount.update(count + 1);
            }
            out.collect(insight);
            return;
        }
        if (!folded.contains(insight.key)) {
            foldedRows.inc();
        }
        folded.put(insight.key, insight.figures);
        InsightAccumulator other = new InsightAccumulator();
        for (InsightAccumulator a : folded.values()) {
            other = other.merge(a);
        }
        boolean update = otherEmitted.value() != null;
        otherEmitted.update(true);
        out.collect(new Insight(insight.windowStart, insight.windowEnd, insight.dimension, Insight.OTHER, other, update,
                insight.emittedAt));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Insight> out) {
        admitted.clear();
        folded.clear();
        admittedCount.clear();
        otherEmitted.clear();
    }
}
