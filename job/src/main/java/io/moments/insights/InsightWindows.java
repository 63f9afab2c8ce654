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
 * Tumbling event-time windows over an observation's own time rather than its record's: a
 * conversion is stamped with the visit it credits, so it lands in that visit's window (the record
 * carries the conversion's time). Everything else is Flink's {@link TumblingEventTimeWindows}.
 */
public final class InsightWindows extends WindowAssigner<Observation, TimeWindow> {

    private final TumblingEventTimeWindows tumbling;

    public InsightWindows(Duration size) {
        this.tumbling = TumblingEventTimeWindows.of(size);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Observation o, long recordTimestamp, WindowAssignerContext ctx) {
        return tumbling.assignWindows(o, o.ts, ctx);
    }

    @Override
    public Trigger<Observation, TimeWindow> getDefaultTrigger() {
        @SuppressWarnings("unchecked")
        Trigger<Observation, TimeWindow> t = (Trigger<Observation, TimeWindow>) (Trigger<?, ?>) tumbling.getDefaultTrigger();
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
