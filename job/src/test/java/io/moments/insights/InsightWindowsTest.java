package io.moments.insights;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.models.LabelScores;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insight windows on a MiniCluster with one input, so the order of records and watermarks is
 * the test's: six sessions seen at step 1 between 10:00 and 10:01, an event at 10:03 moves the
 * watermark past the window, then a seventh session's visit of 10:00:20 arrives (late, within the
 * allowed lateness) and, after the next watermark, a conversion credited to a 10:00 visit: the
 * window fires again, once per watermark interval that brought late figures (they are summed before
 * the shuffle). A visit beyond the allowed lateness is dropped by the window (upstream, the late
 * filter dead-letters such events before they get here).
 */
class InsightWindowsTest {

    private static final long T = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();

    private static Observation visit(long ts, String key) {
        Observation o = new Observation();
        o.dimension = InsightTracker.STEP;
        o.key = key;
        o.ts = ts;
        o.kind = Observation.VISIT;
        o.group = "treatment";
        o.labels = new LabelScores(0.5, 0, 0, 0, 0, 0);
        o.bands = LabelBands.encode(o.labels);
        return o;
    }

    private static Observation conversion(long visitTs, String key) {
        Observation o = visit(visitTs, key);
        o.kind = Observation.CONVERSION;
        o.labels = null;
        return o;
    }

    /** A watermark after every record that moves event time on. */
    private static final class PerRecord implements WatermarkGenerator<Observation> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(Observation o, long ts, WatermarkOutput out) {
            if (o.ts > max) {
                max = o.ts;
                out.emitWatermark(new Watermark(max - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            // per record
        }
    }

    @Test
    void aLateVisitAndALaterConversionReFireTheirWindowAsUpdates() throws Exception {
        List<Observation> in = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            in.add(visit(T + i * 1_000, "checkout:1"));
        }
        in.add(visit(T + 180_000, "browse"));           // 10:03: the watermark passes 10:01
        in.add(visit(T + 20_000, "checkout:1"));        // late, within the 30 min allowed lateness
        in.add(visit(T + 240_000, "browse"));           // 10:04: the next watermark
        in.add(conversion(T + 2_000, "checkout:1"));    // a conversion at 10:04 for a 10:00:02 visit
        in.add(visit(T + 20_000, "checkout:1"));        // and one more late visit before the next watermark
        in.add(visit(T + 40 * 60_000, "browse"));       // 10:40: 10:00's lateness ends
        in.add(visit(T + 30_000, "checkout:1"));        // beyond it: dropped by the window

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var observations = env.fromData(in).assignTimestampsAndWatermarks(
                WatermarkStrategy.<Observation>forGenerator(ctx -> new PerRecord()).withTimestampAssigner((o, ignored) -> o.ts));
        List<Insight> out = MomentsJob.insights(observations, MomentsSettings.from(new Configuration())).executeAndCollect(100);

        List<String> step1 = out.stream().filter(i -> i.key.equals("checkout:1"))
                .map(i -> Instant.ofEpochMilli(i.windowStart) + " sessions " + i.figures.sessions + " conversions "
                        + i.figures.conversions + (i.update ? " update" : "")).toList();
        assertThat(step1).containsExactly(
                "2026-12-02T10:00:00Z sessions 6 conversions 0",
                "2026-12-02T10:00:00Z sessions 7 conversions 0 update",
                "2026-12-02T10:00:00Z sessions 8 conversions 1 update");
    }
}
