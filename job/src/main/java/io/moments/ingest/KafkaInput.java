package io.moments.ingest;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.List;

/**
 * Reads the four input topics with one source (parsing in the source so watermarks are per partition),
 * and the policy and erasure-request control topics.
 */
public final class KafkaInput implements MomentsJob.Input {

    private final MomentsSettings.Kafka kafka;
    private final IngestLimits limits;

    public KafkaInput(MomentsSettings settings) {
        this.kafka = settings.kafka();
        this.limits = settings.limits();
    }

    @Override
    public DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings) {
        KafkaSource<ParsedRecord> source = KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(List.of(kafka.interactions(), kafka.text(), kafka.media(), kafka.outcomes()))
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRecordParser(limits, kafka.media()))
                .setProperties(kafka.properties())
                // Only committed input counts: upstream producers may be transactional too.
                .setProperty("isolation.level", "read_committed")
                .build();
        return env.fromSource(source, MomentsJob.watermarks(settings), "Kafka: interactions, text, media, outcomes").uid("source-kafka");
    }

    @Override
    public DataStream<String> policies(StreamExecutionEnvironment env, MomentsSettings settings) {
        // Every instance reads the whole compacted topic from the start: the latest valid policy wins.
        return env.fromSource(controlSource(kafka.policies(), OffsetsInitializer.earliest()),
                MomentsJob.controlWatermarks(), "Kafka: " + kafka.policies()).uid("source-policies").setParallelism(1);
    }

    @Override
    public DataStream<String> erasureRequests(StreamExecutionEnvironment env, MomentsSettings settings) {
        return env.fromSource(controlSource(kafka.erasureRequests(),
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)),
                MomentsJob.controlWatermarks(), "Kafka: " + kafka.erasureRequests()).uid("source-erasure").setParallelism(1);
    }

    private KafkaSource<String> controlSource(String topic, OffsetsInitializer start) {
        return KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId(kafka.groupId() + "-" + topic)
                .setStartingOffsets(start)
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .setProperties(kafka.properties())
                .setProperty("isolation.level", "read_committed")
                .build();
    }
}
