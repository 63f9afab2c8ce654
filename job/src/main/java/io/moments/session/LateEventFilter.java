package io.moments.session;

import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.sink.JsonCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Drops an event more than the allowed lateness behind the watermark of the source that read it (a
 * {@code late} dead letter: its session has expired); an event behind the watermark but within the
 * allowed lateness passes and counts ({@code lateApplied}): the session stage applies events in each
 * session's own order on arrival. Chained to the source, so lateness is judged on the events' own
 * clock — not in the session stage, whose watermark also waits for the erasure path's: there the
 * verdict would depend on that path's speed, and a replay would not give the same dead letters.
 */
public final class LateEventFilter extends ProcessFunction<ShopperEvent, ShopperEvent> {

    private final long allowedLatenessMs;
    private transient Counter late;
    private transient Counter lateApplied;

    public LateEventFilter(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("reason", "late").counter("deadLetters");
        lateApplied = getRuntimeContext().getMetricGroup().counter("lateApplied");
    }

    @Override
    public void processElement(ShopperEvent event, Context ctx, Collector<ShopperEvent> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && event.ts() < watermark - allowedLatenessMs) {
            late.inc();
            ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofEvent(DeadLetterReason.LATE, "event time "
                    + event.ts() + " is more than the allowed lateness " + allowedLatenessMs
                    + " ms behind the watermark " + watermark, "ingest-late", event, JsonCodec.eventJson(event),
                    System.currentTimeMillis()));
            return;
        }
        if (event.ts() < watermark) {
            lateApplied.inc();
        }
        out.collect(event);
    }
}
