package io.moments.ingest;

import io.moments.config.IngestLimits;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses Kafka records inside the source, so event-time watermarks are generated per partition.
 * Never fails a record: anything unusable becomes a dead letter.
 */
public final class KafkaRecordParser implements KafkaRecordDeserializationSchema<ParsedRecord> {

    private static final byte[] EMPTY = new byte[0];

    private final EventParser parser;
    private final String mediaTopic;

    public KafkaRecordParser(IngestLimits limits, String mediaTopic) {
        this.parser = new EventParser(limits);
        this.mediaTopic = mediaTopic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(parser.parse(value, record.topic(), record.topic().equals(mediaTopic), System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
