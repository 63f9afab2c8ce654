package io.moments.lift;

import io.moments.decide.Decision;
import io.moments.decide.SessionOutcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps treatment/holdout exposure and conversion counts for one report slice (the key, e.g.
 * {@code intervention=show_guarantees}) and emits a {@link LiftReport} row at every report-interval
 * boundary of event time at which the slice changed. State: four counters per slice.
 */
public final class LiftAggregator extends KeyedProcessFunction<String, LiftAggregator.Slice, LiftReport> {

    /** A session outcome counted in one slice ({@code all=all}, {@code intervention=...}, {@code label_band=...}). */
    public record Slice(String key, SessionOutcome outcome) {}

    private final long intervalMs;
    private transient ValueState<long[]> counts;
    private transient ValueState<Long> nextReport;

    public LiftAggregator(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Emits the outcome once for every slice it counts in. */
    public static void slice(SessionOutcome o, org.apache.flink.util.Collector<Slice> out) {
        out.collect(new Slice("all=all", o));
        out.collect(new Slice("intervention=" + o.intervention(), o));
        out.collect(new Slice("label_band=" + o.labelBand(), o));
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("lift-counts", long[].class));
        nextReport = getRuntimeContext().getState(new ValueStateDescriptor<>("lift-next-report", Long.class));
    }

    @Override
    public void processElement(Slice slice, Context ctx, Collector<LiftReport> out) throws Exception {
        SessionOutcome o = slice.outcome();
        long[] c = counts.value();
        if (c == null) {
            c = new long[4];
        }
        int base = Decision.HOLDOUT.equals(o.group()) ? 2 : 0;
        c[base + (o.converted() ? 1 : 0)]++;
        counts.update(c);
        if (nextReport.value() == null) {
            long at = (Math.floorDiv(o.ts(), intervalMs) + 1) * intervalMs;
            nextReport.update(at);
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LiftReport> out) throws Exception {
        nextReport.clear();
        long[] c = counts.value();
        String key = ctx.getCurrentKey();
        int eq = key.indexOf('=');
        double[] diff = LiftStats.difference(c[1], c[0], c[3], c[2]);
        out.collect(new LiftReport(key.substring(0, eq), key.substring(eq + 1), timestamp, c[0], c[1], c[2], c[3],
                c[0] == 0 ? 0 : (double) c[1] / c[0], c[2] == 0 ? 0 : (double) c[3] / c[2], diff[0], diff[1], diff[2]));
    }
}
