package io.moments.insights;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;

/**
 * Tumbling event-time windows over a partial's window start rather than its record's time: a
 * conversion is stamped with the visit it credits, so it lands in that visit's window (the
 * observation's record carries the conversion's time; {@link InsightBatch} sums it by the visit's).
 * Everything else is Flink's {@link TumblingEventTimeWindows}.
 */
public final class InsightWindows extends WindowAssigner<InsightPartial, TimeWindow> {

    private final TumblingEventTimeWindows tumbling;

    public InsightWindows(Duration size) {
        this.tumbling = TumblingEventTimeWindows.of(size);
    }

    @Override
    public Collection<TimeWindow> assignWindows(InsightPartial p, long recordTimestamp, WindowAssignerContext ctx) {
        return tumbling.assignWindows(p, p.windowStart, ctx);
    }

    @Override
    public Trigger<InsightPartial, TimeWindow> getDefaultTrigger() {
        @SuppressWarnings("unchecked")
        Trigger<InsightPartial, TimeWindow> t = (Trigger<InsightPartial, TimeWindow>) (Trigger<?, ?>) tumbling.getDefaultTrigger();
        return t;
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig config) {
        return tumbling.getWindowSerializer(config);
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
