package io.moments.insights;

import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observations summed per page or step and window until the next flush: thousands of observations of
 * a few pages become a few partials, so the keyed window reads and writes its accumulator in RocksDB
 * once per page and flush instead of once per observation (Flink SQL's local-global aggregation, by
 * hand for a DataStream window). Window starts follow {@link InsightWindows}' tumbling windows.
 */
public final class InsightBatch {

    private record Slot(String dimension, String key, long windowStart) {}

    private final long windowMs;
    private final Map<Slot, InsightAccumulator> partials = new LinkedHashMap<>();

    public InsightBatch(Duration window) {
        this.windowMs = window.toMillis();
    }

    public void add(Observation o) {
        Slot slot = new Slot(o.dimension, o.key, TimeWindow.getWindowStartWithOffset(o.ts, 0, windowMs));
        partials.computeIfAbsent(slot, s -> new InsightAccumulator()).add(o);
    }

    /** Pages and steps by window now held. */
    public int size() {
        return partials.size();
    }

    /** The partials in first-seen order; the batch is empty afterwards. */
    public List<InsightPartial> drain() {
        List<InsightPartial> out = new ArrayList<>(partials.size());
        partials.forEach((s, figures) -> out.add(new InsightPartial(s.dimension(), s.key(), s.windowStart(), figures)));
        partials.clear();
        return out;
    }
}
