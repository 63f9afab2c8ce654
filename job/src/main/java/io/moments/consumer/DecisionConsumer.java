package io.moments.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.apache.kafka.common.header.Header;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads decision records from Kafka with the CloudEvents SDK's deserializer and prints what an ad
 * server would apply ({@code ./moments consume}). {@code read_committed} suits both delivery modes:
 * at-least-once records are not transactional and visible at once; exactly-once ones appear when
 * their checkpoint commits.
 */
public final class DecisionConsumer implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final CloudEventDeserializer events = new CloudEventDeserializer();
    private final AdServerView view;
    private final Map<AdServerView.Verdict, Long> counts = new EnumMap<>(AdServerView.Verdict.class);
    private boolean showRecords;

    public DecisionConsumer(String bootstrapServers, String topic, boolean fromBeginning, Clock clock) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                // Bytes first: a record that is not a CloudEvent must not stop the consumer (as a failing
                // value deserializer would); it is reported and skipped.
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        view = new AdServerView(clock, 100_000);
    }

    /** Also print each record as it is on the topic: key, headers and value (for integrators). */
    public DecisionConsumer showRecords(boolean show) {
        showRecords = show;
        return this;
    }

    /** Reads what arrives within {@code wait}, printing one line per record; returns the outcomes. */
    public List<AdServerView.Outcome> poll(Duration wait, PrintStream out) {
        List<AdServerView.Outcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
            AdServerView.Outcome o = view.judge(r.key(), event(r));
            counts.merge(o.verdict(), 1L, Long::sum);
            outcomes.add(o);
            if (out != null) {
                if (showRecords) {
                    out.println(asOnTheTopic(r));
                }
                out.println(line(o));
            }
        }
        return outcomes;
    }

    /** The record as a CloudEvent, or null when it is not one. */
    private CloudEvent event(ConsumerRecord<String, byte[]> r) {
        try {
            return events.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException notACloudEvent) {
            return null;
        }
    }

    public Map<AdServerView.Verdict, Long> counts() {
        return counts;
    }

    private static String asOnTheTopic(ConsumerRecord<String, byte[]> r) {
        StringBuilder s = new StringBuilder("key: ").append(r.key()).append('\n');
        for (Header h : r.headers()) {
            s.append(h.key()).append(": ").append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
        }
        return s.append("value: ").append(new String(r.value(), StandardCharsets.UTF_8)).toString();
    }

    static String line(AdServerView.Outcome o) {
        String verdict = o.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (o.verdict()) {
            case APPLY -> String.format(Locale.ROOT, "%-9s %s  ce_id=%s  %ds left  cust_params=%s", verdict, o.sessionId(),
                    o.decisionId(), o.remaining().toSeconds(), o.custParams());
            case DEFAULT -> String.format(Locale.ROOT, "%-9s %s  ce_id=%s  %ds left  (%s: the ad server's own default)",
                    verdict, o.sessionId(), o.decisionId(), o.remaining().toSeconds(), o.detail());
            default -> String.format(Locale.ROOT, "%-9s %s  ce_id=%s  (%s)", verdict, o.sessionId(), o.decisionId(), o.detail());
        };
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
