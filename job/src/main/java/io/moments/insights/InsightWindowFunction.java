package io.moments.insights;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's figures into an insight row; a window that has fired before (a late firing) emits
 * an {@code update}. Knowing that takes per-window state, which Flink clears when the window is purged
 * at the end of its allowed lateness.
 */
public final class InsightWindowFunction extends ProcessWindowFunction<InsightAccumulator, Insight, String, TimeWindow> {

    private static final ValueStateDescriptor<Boolean> FIRED = new ValueStateDescriptor<>("fired", Boolean.class);
    private transient Counter rows;
    private transient Counter updates;

    @Override
    public void open(OpenContext context) {
        rows = getRuntimeContext().getMetricGroup().counter("insightRows");
        updates = getRuntimeContext().getMetricGroup().counter("insightUpdates");
    }

    @Override
    public void process(String key, Context ctx, Iterable<InsightAccumulator> figures, Collector<Insight> out) throws Exception {
        ValueState<Boolean> fired = ctx.windowState().getState(FIRED);
        boolean update = fired.value() != null;
        fired.update(true);
        rows.inc();
        if (update) {
            updates.inc();
        }
        int bar = key.indexOf('|');
        InsightAccumulator acc = figures.iterator().next();
        out.collect(new Insight(ctx.window().getStart(), ctx.window().getEnd(), key.substring(0, bar), key.substring(bar + 1),
                acc, update, System.currentTimeMillis()));
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(FIRED).clear();
    }
}
