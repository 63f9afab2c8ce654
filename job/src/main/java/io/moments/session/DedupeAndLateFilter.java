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
 * state TTL bounds it) and events more than the allowed lateness behind the watermark (their session
 * has expired). Both go to the dead letters with their reason, so every record stays accounted for.
 * An event behind the watermark but within the allowed lateness passes on and counts
 * ({@code lateApplied}): the session stage applies events in each session's own order on arrival.
 */
public final class DedupeAndLateFilter extends KeyedProcessFunction<String, ShopperEvent, ShopperEvent> {

    private final Duration dedupeTtl;
    private final long allowedLatenessMs;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter lateApplied;

    public DedupeAndLateFilter(Duration dedupeTtl, Duration allowedLateness) {
        this.dedupeTtl = dedupeTtl;
        this.allowedLatenessMs = allowedLateness.toMillis();
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
        lateApplied = getRuntimeContext().getMetricGroup().counter("lateApplied");
    }

    @Override
    public void processElement(ShopperEvent event, Context ctx, Collector<ShopperEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && event.ts() < watermark - allowedLatenessMs) {
            late.inc();
            ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofEvent(DeadLetterReason.LATE,
                    "event time " + event.ts() + " is more than the allowed lateness " + allowedLatenessMs
                            + " ms behind the watermark " + watermark, "session-stage", event,
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
        if (event.ts() < watermark) {
            lateApplied.inc();
        }
        out.collect(event);
    }
}
