package io.moments.bench;

import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Sits after the operator under test (parallelism 1, chained) and times the items after the
 * warm-up: from the moment the last warm-up item comes out to the moment the last item comes out.
 * Job start-up, model loading and the warm-up are outside that span. Reports through accumulators.
 */
final class TimingProbe extends RichMapFunction<ShopperEvent, ShopperEvent> {

    static final String ITEMS = "bench-items";
    static final String SCORED = "bench-scored";
    static final String TIMED_NANOS = "bench-timed-nanos";

    private final long warmup;
    private transient long seen;
    private transient long scored;
    private transient long warmEnd;
    private transient long last;

    TimingProbe(long warmup) {
        if (warmup < 1) {
            throw new IllegalArgumentException("warm-up needs at least one item");
        }
        this.warmup = warmup;
    }

    @Override
    public ShopperEvent map(ShopperEvent event) {
        long now = System.nanoTime();
        seen++;
        if (event.signal() != null || event.prosody() != null) { // voice: the prosody the session stage scores
            scored++;
        }
        if (seen == warmup) {
            warmEnd = now;
        }
        last = now;
        return event;
    }

    @Override
    public void close() {
        getRuntimeContext().addAccumulator(ITEMS, new LongCounter(seen));
        getRuntimeContext().addAccumulator(SCORED, new LongCounter(scored));
        getRuntimeContext().addAccumulator(TIMED_NANOS, new LongCounter(seen > warmup ? last - warmEnd : 0));
    }
}
