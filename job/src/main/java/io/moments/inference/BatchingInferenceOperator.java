package io.moments.inference;

import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.sink.JsonCodec;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the models inside the job (each loaded once per operator instance, on first use): text and
 * consented media events are buffered per model and scored
 * in micro-batches (at most {@code maxBatch} items, waiting at most {@code maxWaitMs}); every event
 * leaves with its {@code Signal} attached (a voice chunk: its prosody features, which the session stage
 * scores against the session's voice baseline) and its content removed. Other events pass straight through.
 *
 * <p>The buffers live only in memory and are flushed before every watermark (so scored events are
 * never late downstream) and before every checkpoint barrier (so a checkpoint never holds raw text
 * or media, and nothing buffered is lost on failure: it is re-read from the source). A payload the
 * model cannot read (corrupt JPEG, odd-length PCM) becomes a {@code bad_media} dead letter.
 *
 * <p>Metrics per model ({@code model} group): {@code inferenceLatency} and {@code batchSize}
 * histograms, {@code queueDepth} gauge, {@code inferenceFailures} and {@code inferred} counters, and the
 * scorer's own ({@link Scorer#registerMetrics}: the text cache's hits, misses, hit rate and entries).
 */
public final class BatchingInferenceOperator extends AbstractStreamOperator<ShopperEvent>
        implements OneInputStreamOperator<ShopperEvent, ShopperEvent>, BoundedOneInput {

    private final List<Scorer> scorers;
    private final int maxBatch;
    private final long maxWaitMs;

    private transient List<List<StreamRecord<ShopperEvent>>> buffers;
    private transient boolean[] loaded;
    private transient long flushTimerAt;
    private transient List<Histogram> latency;
    private transient List<Histogram> batchSize;
    private transient List<Counter> failures;
    private transient List<Counter> inferred;

    public BatchingInferenceOperator(List<Scorer> scorers, int maxBatch, long maxWaitMs) {
        this.scorers = List.copyOf(scorers);
        this.maxBatch = maxBatch;
        this.maxWaitMs = maxWaitMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffers = new ArrayList<>();
        latency = new ArrayList<>();
        batchSize = new ArrayList<>();
        failures = new ArrayList<>();
        inferred = new ArrayList<>();
        flushTimerAt = Long.MAX_VALUE;
        loaded = new boolean[scorers.size()];
        for (Scorer scorer : scorers) {
            List<StreamRecord<ShopperEvent>> buffer = new ArrayList<>(maxBatch);
            buffers.add(buffer);
            MetricGroup group = getMetricGroup().addGroup("model", scorer.name());
            latency.add(group.histogram("inferenceLatency", new DescriptiveStatisticsHistogram(1_000)));
            batchSize.add(group.histogram("batchSize", new DescriptiveStatisticsHistogram(1_000)));
            failures.add(group.counter("inferenceFailures"));
            inferred.add(group.counter("inferred"));
            group.gauge("queueDepth", buffer::size);
            scorer.registerMetrics(group);
        }
    }

    @Override
    public void processElement(StreamRecord<ShopperEvent> element) throws Exception {
        ShopperEvent event = element.getValue();
        for (int i = 0; i < scorers.size(); i++) {
            if (scorers.get(i).accepts(event)) {
                if (!loaded[i]) {
                    // Models load on first use: a job that never sees media never pays for the media models.
                    scorers.get(i).open();
                    loaded[i] = true;
                }
                List<StreamRecord<ShopperEvent>> buffer = buffers.get(i);
                buffer.add(element.copy(event));
                if (buffer.size() >= maxBatch) {
                    flush(i);
                } else if (flushTimerAt == Long.MAX_VALUE) {
                    flushTimerAt = getProcessingTimeService().getCurrentProcessingTime() + maxWaitMs;
                    getProcessingTimeService().registerTimer(flushTimerAt, time -> {
                        flushTimerAt = Long.MAX_VALUE;
                        flushAll();
                    });
                }
                return;
            }
        }
        output.collect(element.replace(event.withoutContent()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flushAll();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        flushAll();
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < scorers.size(); i++) {
            if (loaded[i]) {
                scorers.get(i).close();
            }
        }
        super.close();
    }

    private void flushAll() throws Exception {
        for (int i = 0; i < scorers.size(); i++) {
            flush(i);
        }
    }

    private void flush(int i) throws Exception {
        List<StreamRecord<ShopperEvent>> buffer = buffers.get(i);
        if (buffer.isEmpty()) {
            return;
        }
        List<ShopperEvent> batch = new ArrayList<>(buffer.size());
        for (StreamRecord<ShopperEvent> r : buffer) {
            batch.add(r.getValue());
        }
        long start = System.nanoTime();
        List<Scorer.Result> results = scorers.get(i).score(batch);
        latency.get(i).update((System.nanoTime() - start) / 1_000_000);
        batchSize.get(i).update(batch.size());
        for (int j = 0; j < batch.size(); j++) {
            StreamRecord<ShopperEvent> record = buffer.get(j);
            ShopperEvent event = batch.get(j);
            Scorer.Result result = results.get(j);
            if (result.event() != null) {
                inferred.get(i).inc();
                output.collect(record.replace(result.event().withoutContent()));
            } else {
                failures.get(i).inc();
                ShopperEvent stripped = event.withoutContent();
                output.collect(DeadLetterRouter.DEAD_LETTERS, new StreamRecord<>(DeadLetter.ofEvent(
                        DeadLetterReason.BAD_MEDIA, result.rejection(), "inference-" + scorers.get(i).name(), stripped,
                        JsonCodec.eventJson(stripped), System.currentTimeMillis())));
            }
        }
        buffer.clear();
    }
}
