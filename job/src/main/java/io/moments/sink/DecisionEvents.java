package io.moments.sink;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.moments.decide.Decision;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Decision records as CloudEvents in binary mode, written with the CloudEvents SDK: the value is the
 * decision/v1 JSON, unchanged, and the headers carry {@code ce_id} (the decisionId, so consumers
 * deduplicate on it), {@code ce_source}, {@code ce_type}, {@code ce_time} (the moment's event time),
 * {@code ce_specversion}, {@code ce_dataschema} and {@code content-type}. The key is the sessionId.
 */
public final class DecisionEvents implements KafkaRecordSerializationSchema<Decision> {

    public static final String TYPE = "io.moments.decision.v1";
    public static final URI DATA_SCHEMA = URI.create("https://moments.example/contracts/decision.v1.schema.json");
    public static final String CONTENT_TYPE = "application/json";

    private final String topic;
    private final URI source;
    private transient CloudEventSerializer serializer;

    public DecisionEvents(String topic, URI source) {
        this.topic = topic;
        this.source = source;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Decision d, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(topic, headers, event(d, source));
        return new ProducerRecord<>(topic, null, null, d.sessionId().getBytes(StandardCharsets.UTF_8), value, headers);
    }

    static CloudEvent event(Decision d, URI source) {
        return CloudEventBuilder.v1()
                .withId(d.decisionId())
                .withSource(source)
                .withType(TYPE)
                .withTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(d.ts()), ZoneOffset.UTC))
                .withDataSchema(DATA_SCHEMA)
                .withDataContentType(CONTENT_TYPE)
                .withData(JsonCodec.decisionBytes(d))
                .build();
    }
}
