package io.moments.ingest;

import io.moments.config.IngestLimits;

import io.moments.config.MomentsSettings;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.List;

/**
 * Reads the four input topics and the two control topics (policies, erasure requests) with one source,
 * parsing in the source so watermarks are per partition. Control records share the events'
 * watermarks, so the operators they reach never wait on, or run ahead of, a separate control stream.
 */
public final class KafkaInput implements JobInput {

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
                .setTopics(List.of(kafka.interactions(), kafka.text(), kafka.media(), kafka.outcomes(), kafka.policies(),
                        kafka.erasureRequests()))
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRecordParser(limits, kafka.media()))
                .setProperties(kafka.properties())
                // Only committed input counts: upstream producers may be transactional too.
                .setProperty("isolation.level", "read_committed")
                .build();
        return env.fromSource(source, Watermarks.watermarks(settings), "Kafka: inputs and control").uid("source-kafka");
    }
}
