package io.moments.ingest;

import io.moments.config.MomentsSettings;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of parsed records, for every input: Kafka, JSON-lines replays and the benchmarks' generators. */
public final class Watermarks {

    private Watermarks() {}

    /**
     * Bounded out-of-orderness with idleness; watermarks are emitted periodically (Flink's default).
     * The watermark only clocks absences (checkout pauses) and expiry, so the bound is small: events
     * are applied to their session on arrival, late or not.
     * Control records (policies, erasure requests) have no event time: they take the Kafka append
     * time, which keeps a control partition from holding the watermark back while it is active.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(MomentsSettings s) {
        return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(s.outOfOrderness())
                .withTimestampAssigner((record, kafkaTs) -> record.control() != null ? kafkaTs : record.eventTimeOrMin())
                .withIdleness(s.idleness());
    }

    /**
     * The same bound, but a watermark after every record: a replay then clocks pauses and lateness by
     * the records before it in the file, however fast the file is read.
     */
    public static WatermarkStrategy<ParsedRecord> perRecordWatermarks(MomentsSettings s) {
        long boundMs = s.outOfOrderness().toMillis();
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new WatermarkGenerator<>() {
                    private long maxTs = Long.MIN_VALUE + boundMs + 1;

                    @Override
                    public void onEvent(ParsedRecord record, long ts, WatermarkOutput out) {
                        if (record.isValid() && record.event().ts() > maxTs) {
                            maxTs = record.event().ts();
                            out.emitWatermark(new Watermark(maxTs - boundMs - 1));
                        }
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput out) {
                        // emitted per record
                    }
                })
                .withTimestampAssigner((record, ignored) -> record.eventTimeOrMin());
    }
}
