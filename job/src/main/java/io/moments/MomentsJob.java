package io.moments;

import io.moments.config.MomentsSettings;
import io.moments.decide.Decision;
import io.moments.decide.DefaultPolicy;
import io.moments.friction.FrictionMoment;
import io.moments.friction.FrictionPatterns;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.SessionLabeler;
import io.moments.session.DedupeAndLateFilter;
import io.moments.session.SessionInput;
import io.moments.session.SessionProcessor;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Moments topology, in the order of the data-flow picture:
 * parse + validate (dead letters) → consent-gated signals → per-session dedupe → friction CEP and
 * labels → decisions. Where records come from and go to is left to {@link Input} and {@link Output},
 * so Kafka runs, replays and tests share every operator.
 */
public final class MomentsJob {

    /** Supplies parsed records with event-time timestamps and watermarks (see {@link #watermarks}). */
    public interface Input {
        DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings);
    }

    /** Receives the job's two outputs. */
    public interface Output {
        void decisions(DataStream<Decision> decisions);

        void deadLetters(DataStream<DeadLetter> deadLetters);
    }

    private MomentsJob() {}

    /** Bounded out-of-orderness with idleness; watermarks are emitted periodically (Flink's default). */
    public static WatermarkStrategy<ParsedRecord> watermarks(MomentsSettings s) {
        return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(s.outOfOrderness())
                .withTimestampAssigner((record, kafkaTs) -> record.eventTimeOrMin())
                .withIdleness(s.idleness());
    }

    /**
     * The same bound, but a watermark after every record: a replay then treats a record as late
     * exactly when it is more than the bound behind the records before it in the file, however
     * fast the file is read.
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

    public static void build(StreamExecutionEnvironment env, MomentsSettings s, Input input, Output output) {
        DataStream<ParsedRecord> parsed = input.parsedRecords(env, s);

        SingleOutputStreamOperator<ShopperEvent> valid = parsed
                .process(new DeadLetterRouter()).uid("ingest-route").name("Validate: route dead letters");

        // Text and media leave their content here: only derived signals go on to keyed state.
        // (The DJL inference operators take this place; they are chained, so raw media never crosses the network.)
        DataStream<ShopperEvent> signals = valid
                .map(ShopperEvent::withoutContent).uid("signals").name("Signals: drop raw content");

        SingleOutputStreamOperator<ShopperEvent> fresh = signals
                .keyBy(ShopperEvent::sessionId)
                .process(new DedupeAndLateFilter(s.dedupeTtl())).uid("session-dedupe").name("Session: dedupe, late");
        KeyedStream<ShopperEvent, String> sessions = DataStreamUtils.reinterpretAsKeyedStream(fresh, ShopperEvent::sessionId);

        KeyedStream<ShopperEvent, String> interactions = DataStreamUtils.reinterpretAsKeyedStream(
                sessions.filter(ShopperEvent::isInteraction).name("Interactions only"), ShopperEvent::sessionId);
        DataStream<FrictionMoment> friction = FrictionPatterns.detect(interactions, s.friction());

        DataStream<Decision> decisions = sessions.map(SessionInput::of).name("As session input")
                .union(friction.map(SessionInput::of).name("As session input"))
                .keyBy(SessionInput::sessionId)
                .process(new SessionProcessor(new SessionLabeler(s.labels()), new DefaultPolicy(s.policy()),
                        s.sessionIdle(), s.sessionStateTtl()))
                .uid("session-decide").name("Session: labels and decisions");

        output.decisions(decisions);
        output.deadLetters(valid.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                .union(fresh.getSideOutput(DeadLetterRouter.DEAD_LETTERS)));
    }
}
