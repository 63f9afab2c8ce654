package io.moments.insights;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.time.Duration;

/**
 * Sums observations into an {@link InsightBatch} on the session stage's side of the shuffle and
 * sends the partials on before every watermark (so none is late where a single observation would not
 * be), before every checkpoint barrier (so the batch is empty in every snapshot: no state, exactly
 * once), when the input goes idle, at the end of input, and when the batch holds
 * {@link #MAX_SLOTS} pages and steps. Late observations between two watermarks come as one update.
 */
public final class InsightPreAggregator extends AbstractStreamOperator<InsightPartial>
        implements OneInputStreamOperator<Observation, InsightPartial> {

    /** Bounds the heap a burst of new pages can take (a partial is about 1.6 KB). */
    static final int MAX_SLOTS = 1_024;

    private final Duration window;
    private transient InsightBatch batch;
    private transient Counter observations;
    private transient Counter partials;

    public InsightPreAggregator(Duration window) {
        this.window = window;
    }

    @Override
    public void open() throws Exception {
        super.open();
        batch = new InsightBatch(window);
        observations = getMetricGroup().counter("insightObservations");
        partials = getMetricGroup().counter("insightPartials");
    }

    @Override
    public void processElement(StreamRecord<Observation> record) {
        observations.inc();
        batch.add(record.getValue());
        if (batch.size() >= MAX_SLOTS) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            flush();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        for (InsightPartial p : batch.drain()) {
            partials.inc();
            output.collect(new StreamRecord<>(p, p.windowStart));
        }
    }
}
