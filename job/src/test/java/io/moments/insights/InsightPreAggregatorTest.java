package io.moments.insights;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.moments.insights.InsightBatchTest.T;
import static io.moments.insights.InsightBatchTest.visit;
import static org.assertj.core.api.Assertions.assertThat;

class InsightPreAggregatorTest {

    private static OneInputStreamOperatorTestHarness<Observation, InsightPartial> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new InsightPreAggregator(Duration.ofMinutes(1)));
    }

    /** What came out, in order: partials as key, sessions and record time; watermarks as their time. */
    private static List<String> emitted(OneInputStreamOperatorTestHarness<Observation, InsightPartial> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof InsightPartial p) {
                out.add(p.key + " " + p.figures.sessions + " @" + (r.getTimestamp() - T));
            } else if (o instanceof Watermark w) {
                out.add("watermark @" + (w.getTimestamp() - T));
            }
        }
        return out;
    }

    @Test
    void partialsGoOutBeforeTheWatermarkThatFollowsThem() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(visit(T + 1_000, "checkout:1", 0.1), T + 1_000);
            h.processElement(visit(T + 2_000, "checkout:1", 0.1), T + 2_000);
            h.processElement(visit(T + 3_000, "checkout:2", 0.1), T + 3_000);
            assertThat(h.getOutput()).as("held until the watermark").isEmpty();
            h.processWatermark(new Watermark(T + 3_000));
            h.processElement(visit(T + 4_000, "checkout:1", 0.1), T + 4_000);
            h.processWatermark(new Watermark(T + 4_000));
            assertThat(emitted(h)).containsExactly(
                    "checkout:1 2 @0", "checkout:2 1 @0", "watermark @3000", "checkout:1 1 @0", "watermark @4000");
        }
    }

    @Test
    void theBatchIsEmptyAtEveryCheckpointBarrierAndTheOperatorKeepsNoState() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(visit(T + 1_000, "checkout:1", 0.1), T + 1_000);
            h.prepareSnapshotPreBarrier(1);
            var snapshot = h.snapshot(1, 1);
            assertThat(emitted(h)).containsExactly("checkout:1 1 @0");
            assertThat(snapshot.hasState()).as("nothing to snapshot: the batch was sent on at the barrier").isFalse();
        }
    }

    @Test
    void anIdleInputAndTheEndOfInputFlushToo() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(visit(T + 1_000, "checkout:1", 0.1), T + 1_000);
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.processElement(visit(T + 2_000, "checkout:2", 0.1), T + 2_000);
            h.getOneInputOperator().finish();
            assertThat(emitted(h)).containsExactly("checkout:1 1 @0", "checkout:2 1 @0");
        }
    }

    @Test
    void aBurstOfNewPagesIsSentOnAtTheBoundWithoutWaiting() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < InsightPreAggregator.MAX_SLOTS; i++) {
                h.processElement(visit(T, "/p/" + i, 0.1), T);
            }
            assertThat(h.extractOutputValues()).hasSize(InsightPreAggregator.MAX_SLOTS);
        }
    }
}
