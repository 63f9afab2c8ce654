package io.moments.sink;

import io.moments.config.MomentsSettings;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.insights.Insight;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Kafka sinks for decisions, dead letters, audit and lift, keyed by session id so one session's
 * records stay ordered in one partition. Decisions are CloudEvents in binary mode ({@link DecisionEvents}). Decisions follow {@code moments.decisions.delivery}:
 * at-least-once (visible at once; after a failure a decision may be written again with the same
 * deterministic {@code decisionId} and content) or exactly-once. The other outputs are exactly-once:
 * their records become visible to {@code read_committed} consumers when the checkpoint that covers
 * them completes. The Kafka timestamp is the append time:
 * event time is in the record, and a replay of old sessions must not fall out of retention at once.
 */
public final class KafkaSinks {

    private KafkaSinks() {}

    public static KafkaSink<Decision> decisions(MomentsSettings.Kafka kafka) {
        String topic = kafka.decisions();
        return build(kafka, topic, new DecisionEvents(topic, kafka.decisionSource()), kafka.decisionDelivery() == MomentsSettings.Delivery.EXACTLY_ONCE
                ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE);
    }

    public static KafkaSink<DeadLetter> deadLetters(MomentsSettings.Kafka kafka) {
        String topic = kafka.deadLetters();
        KafkaRecordSerializationSchema<DeadLetter> schema = (d, ctx, ts) -> new ProducerRecord<>(topic, null,
                null, d.sessionId() == null ? null : d.sessionId().getBytes(StandardCharsets.UTF_8),
                JsonCodec.deadLetterBytes(d));
        return build(kafka, topic, schema, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Records already in their wire form (JSON lines), keyed by nothing. */
    public static KafkaSink<String> audit(MomentsSettings.Kafka kafka) {
        String topic = kafka.audit();
        KafkaRecordSerializationSchema<String> schema = (json, ctx, ts) -> new ProducerRecord<>(topic, null, null, null,
                json.getBytes(StandardCharsets.UTF_8));
        return build(kafka, topic, schema, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Lift rows keyed by their slice, so a compacted topic keeps the latest row per slice. */
    public static KafkaSink<LiftReport> lift(MomentsSettings.Kafka kafka) {
        String topic = kafka.liftReports();
        KafkaRecordSerializationSchema<LiftReport> schema = (r, ctx, ts) -> new ProducerRecord<>(topic, null, null,
                r.key().getBytes(StandardCharsets.UTF_8), JsonCodec.liftJson(r).getBytes(StandardCharsets.UTF_8));
        return build(kafka, topic, schema, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Insight rows keyed by page or step and window, so a compacted topic keeps the latest row (updates replace). */
    public static KafkaSink<Insight> insights(MomentsSettings.Kafka kafka) {
        String topic = kafka.insights();
        KafkaRecordSerializationSchema<Insight> schema = (r, ctx, ts) -> new ProducerRecord<>(topic, null, null,
                r.recordKey().getBytes(StandardCharsets.UTF_8), JsonCodec.insightJson(r).getBytes(StandardCharsets.UTF_8));
        return build(kafka, topic, schema, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Label samples keyed by session id (one session's samples in order in one partition). */
    public static KafkaSink<LabelSample> labelSamples(MomentsSettings.Kafka kafka) {
        String topic = kafka.labels();
        KafkaRecordSerializationSchema<LabelSample> schema = (r, ctx, ts) -> new ProducerRecord<>(topic, null, null,
                r.sessionId().getBytes(StandardCharsets.UTF_8), JsonCodec.labelSampleJson(r).getBytes(StandardCharsets.UTF_8));
        return build(kafka, topic, schema, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Transactional ids are the configured prefix plus the topic: unique per job and sink. */
    private static <T> KafkaSink<T> build(MomentsSettings.Kafka kafka, String topic, KafkaRecordSerializationSchema<T> schema,
                                          DeliveryGuarantee guarantee) {
        Properties props = new Properties();
        props.putAll(kafka.properties());
        // The sink's default (1 h) is above the broker's cap (15 min): the job would fail at start.
        props.setProperty("transaction.timeout.ms", String.valueOf(kafka.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + topic)
                .build();
    }
}
