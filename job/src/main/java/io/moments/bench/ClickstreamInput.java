package io.moments.bench;

import io.moments.ingest.JobInput;
import io.moments.ingest.Watermarks;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.EventParser;
import io.moments.ingest.ParsedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A bounded in-process clickstream for benchmarks: {@code count} interaction records in JSON, parsed
 * by the job's parser, from sessions of 12 events that exercise every friction pattern and label
 * (pricing then contact, checkout steps with an abandonment, form errors, rage clicks), 2 s apart
 * in event time, with sessions interleaved so many are active at once.
 */
public final class ClickstreamInput implements JobInput {

    static final int EVENTS_PER_SESSION = 12;
    private static final long START = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final String[] SCRIPT = {
            "\"type\":\"page_view\",\"page\":{\"kind\":\"home\"}",
            "\"type\":\"page_view\",\"page\":{\"kind\":\"product\"}",
            "\"type\":\"page_view\",\"page\":{\"kind\":\"pricing\"}",
            "\"type\":\"page_view\",\"page\":{\"kind\":\"product\"}",
            "\"type\":\"contact_click\",\"target\":\"sales\"",
            "\"type\":\"add_to_cart\",\"target\":\"sku-1\"",
            "\"type\":\"form_error\",\"target\":\"card\"",
            "\"type\":\"form_error\",\"target\":\"card\"",
            "\"type\":\"form_error\",\"target\":\"card\"",
            "\"type\":\"click\",\"target\":\"pay\"",
            "\"type\":\"click\",\"target\":\"pay\"",
            "\"type\":\"checkout_step\",\"step\":1"};

    private final long count;
    private final int concurrentSessions;

    public ClickstreamInput(long count, int concurrentSessions) {
        this.count = count;
        this.concurrentSessions = concurrentSessions;
    }

    /** Step {@code step} of the session script as an interaction/v1 record. */
    static String json(long index, String sessionId, int step, long ts) {
        return "{\"schema\":\"interaction/v1\",\"eventId\":\"b" + index + "\",\"sessionId\":\"" + sessionId
                + "\",\"ts\":" + ts + "," + SCRIPT[step] + "}";
    }

    @Override
    public DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings) {
        EventParser parser = new EventParser(settings.limits());
        int concurrent = concurrentSessions;
        GeneratorFunction<Long, ParsedRecord> generator = index -> {
            // Index i is event (i / concurrent) % 12 of session (i / (concurrent * 12)) * concurrent + i % concurrent.
            long wave = index / ((long) concurrent * EVENTS_PER_SESSION);
            long session = wave * concurrent + index % concurrent;
            int step = (int) ((index / concurrent) % EVENTS_PER_SESSION);
            long ts = START + index * 2_000L / concurrent;
            String json = json(index, "bench-" + session, step, ts);
            return parser.parse(json.getBytes(StandardCharsets.UTF_8), "bench", false, ts);
        };
        return env.fromSource(new DataGeneratorSource<>(generator, count, TypeInformation.of(ParsedRecord.class)),
                Watermarks.watermarks(settings), "Bench: clickstream").uid("source-bench");
    }
}
