package io.moments.ingest;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits parsed records: valid events continue, dead letters go to {@link #DEAD_LETTERS}, control
 * records (policies, erasure requests) to {@link #CONTROL}. Counts
 * events in by type ({@code eventsIn}) and dead letters by reason ({@code deadLetters}).
 */
public final class DeadLetterRouter extends ProcessFunction<ParsedRecord, ShopperEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<ControlRecord> CONTROL = new OutputTag<>("control") {};

    private transient Map<String, Counter> eventsIn;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        eventsIn = new HashMap<>();
        deadLetters = new HashMap<>();
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<ShopperEvent> out) {
        if (record.control() != null) {
            ctx.output(CONTROL, record.control());
        } else if (record.isValid()) {
            ShopperEvent event = record.event();
            eventsIn.computeIfAbsent(event.typeName(),
                    type -> getRuntimeContext().getMetricGroup().addGroup("type", type).counter("eventsIn")).inc();
            out.collect(event);
        } else {
            countDeadLetter(record.deadLetter().reason());
            ctx.output(DEAD_LETTERS, record.deadLetter());
        }
    }

    private void countDeadLetter(DeadLetterReason reason) {
        deadLetters.computeIfAbsent(reason,
                r -> getRuntimeContext().getMetricGroup().addGroup("reason", r.wireName()).counter("deadLetters")).inc();
    }
}
