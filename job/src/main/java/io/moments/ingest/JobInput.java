package io.moments.ingest;

import io.moments.config.MomentsSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the job's records come from (Kafka, a JSON-lines file, a benchmark's generator): parsed records
 * (events, control records, dead letters) with event-time timestamps and watermarks ({@link Watermarks}).
 * Policies and erasure requests arrive in the same stream, so the operators they reach follow one watermark.
 */
public interface JobInput {
    DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings);
}
