package io.moments.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads committed decisions, dead letters and lift rows (as an ad server would: {@code read_committed})
 * and keeps the tallies the demo prints.
 */
public final class DecisionWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String decisionsTopic;
    private final String liftTopic;
    private final List<String> liftLines = new ArrayList<>();
    private final String insightsTopic;
    private final List<String> insightLines = new ArrayList<>();
    private final java.util.function.Consumer<String> onInsight;
    private final String labelsTopic;
    private final java.util.function.Consumer<JsonNode> onSample;
    private long decisions;
    private final Map<String, Long> byTrigger = new TreeMap<>();
    private final Map<String, Long> byOutcome = new TreeMap<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private String latest = "";
    private final java.util.function.Consumer<JsonNode> onDecision;

    /**
     * @param onDecision called with every committed decision (e.g. the live view's board)
     * @param onInsight  called with every committed insight/v1 row (e.g. the live view's insights table)
     * @param onSample   called with every committed label/v1 sample (e.g. the live view's trajectories)
     */
    public DecisionWatcher(String bootstrap, String decisionsTopic, String deadLetterTopic, String liftTopic,
                           String insightsTopic, String labelsTopic, java.util.function.Consumer<JsonNode> onDecision,
                           java.util.function.Consumer<String> onInsight, java.util.function.Consumer<JsonNode> onSample) {
        this.decisionsTopic = decisionsTopic;
        this.onDecision = onDecision;
        this.liftTopic = liftTopic;
        this.insightsTopic = insightsTopic;
        this.onInsight = onInsight;
        this.labelsTopic = labelsTopic;
        this.onSample = onSample;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(decisionsTopic, deadLetterTopic, liftTopic, insightsTopic, labelsTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has been committed since the last call (waits at most {@code wait}). */
    public synchronized void poll(Duration wait) throws IOException {
        for (ConsumerRecord<String, String> r : consumer.poll(wait)) {
            if (r.topic().equals(liftTopic)) {
                liftLines.add(r.value());
                continue;
            }
            if (r.topic().equals(insightsTopic)) {
                insightLines.add(r.value());
                onInsight.accept(r.value());
                continue;
            }
            JsonNode n = JSON.readTree(r.value());
            if (r.topic().equals(labelsTopic)) {
                onSample.accept(n);
                continue;
            }
            if (r.topic().equals(decisionsTopic)) {
                decisions++;
                onDecision.accept(n);
                for (JsonNode t : n.path("triggers")) {
                    byTrigger.merge(t.asText(), 1L, Long::sum);
                }
                String type = n.path("action").path("type").asText();
                String outcome = n.path("group").asText().equals("holdout") ? "holdout"
                        : type.equals("none") ? "withheld" : "acted";
                byOutcome.merge(outcome, 1L, Long::sum);
                latest = String.format("%s %s -> %s (tone %s, %s)", r.key(), n.path("triggers"),
                        type.equals("none") ? "none: " + n.path("action").path("reason").asText()
                                : n.path("action").path("intervention").asText(),
                        n.path("action").path("adTone").asText(), n.path("group").asText());
            } else {
                deadLetters.merge(n.path("reason").asText(), 1L, Long::sum);
            }
        }
    }

    /** Every lift/v1 row committed so far, as JSON lines (a copy: the live view reads it from another thread). */
    public synchronized List<String> liftLines() {
        return List.copyOf(liftLines);
    }

    /** Every insight/v1 row committed so far, as JSON lines. */
    public List<String> insightLines() {
        return insightLines;
    }

    public String summary() {
        return "decisions " + decisions + " " + byOutcome + " | dead letters " + deadLetters
                + "\n        triggers " + byTrigger
                + (latest.isEmpty() ? "" : "\n        latest   " + latest);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
