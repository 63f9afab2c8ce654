package io.moments.session;

import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.sink.JsonCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Per session: drops events whose {@code eventId} was already seen (remembered for {@code dedupeTtl},
 * state TTL bounds it) and events behind the watermark. Both go to the dead letters with their
 * reason, so every record stays accounted for.
 */
public final class DedupeAndLateFilter extends KeyedProcessFunction<String, ShopperEvent, ShopperEvent> {

    private final Duration dedupeTtl;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;
    private transient Counter late;

    public DedupeAndLateFilter(Duration dedupeTtl) {
        this.dedupeTtl = dedupeTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>("seen-event-ids", String.class, Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupeTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().addGroup("reason", "duplicate").counter("deadLetters");
        late = getRuntimeContext().getMetricGroup().addGroup("reason", "late").counter("deadLetters");
    }

    @Override
    public void processElement(ShopperEvent event, Context ctx, Collector<ShopperEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.ts() < watermark) {
            late.inc();
            ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofEvent(DeadLetterReason.LATE,
                    "event time " + event.ts() + " is behind the watermark " + watermark, "session-stage", event,
                    JsonCodec.eventJson(event), System.currentTimeMillis()));
            return;
        }
        if (seen.contains(event.eventId())) {
            duplicates.inc();
            ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofEvent(DeadLetterReason.DUPLICATE,
                    "eventId already seen in this session", "session-stage", event,
                    JsonCodec.eventJson(event), System.currentTimeMillis()));
            return;
        }
        seen.put(event.eventId(), Boolean.TRUE);
        out.collect(event);
    }
}
