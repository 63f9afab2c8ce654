package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.local.LocalKafkaBroker;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench latency}: the job (no models) on a local MiniCluster between a real Kafka broker's
 * topics, fed clickstream sessions at a fixed rate with event time = send time, for a fixed duration,
 * once per decision delivery mode (the configured one first, then the other, on the same broker and
 * load), after an unmeasured warm-up run that leaves the JVM compiled for both. For every decision it measures two latencies from the moment's event time (for a checkout
 * pause: its deadline, step + pause): when the job decided ({@code emittedAt}) and when a
 * {@code read_committed} consumer could first read it. In exactly-once mode the second is bounded
 * below by the checkpoint that commits the decision's transaction; in at-least-once mode a decision
 * is readable once the producer has sent it.
 */
public final class LatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyBench() {}

    /** The latencies of one run, overall and by the decision's first trigger. */
    private record Latencies(List<Long> decided, List<Long> visible, Map<String, List<Long>> decidedBy,
                             Map<String, List<Long>> visibleBy) {
        Latencies() {
            this(new ArrayList<>(), new ArrayList<>(), new TreeMap<>(), new TreeMap<>());
        }

        void add(String trigger, long decidedMs, long visibleMs) {
            decided.add(decidedMs);
            visible.add(visibleMs);
            decidedBy.computeIfAbsent(trigger, t -> new ArrayList<>()).add(decidedMs);
            visibleBy.computeIfAbsent(trigger, t -> new ArrayList<>()).add(visibleMs);
        }

        void writeTo(ObjectNode n) {
            n.put("decisions", decided.size());
            percentiles(n, "decided", decided);
            percentiles(n, "visible", visible);
            ObjectNode by = n.putObject("by_trigger");
            decidedBy.forEach((trigger, values) -> {
                ObjectNode t = by.putObject(trigger);
                t.put("decisions", values.size());
                percentiles(t, "decided", values);
                percentiles(t, "visible", visibleBy.get(trigger));
            });
        }

        private static void percentiles(ObjectNode n, String name, List<Long> values) {
            n.put(name + "_p50_ms", percentile(values, 50));
            n.put(name + "_p99_ms", percentile(values, 99));
            n.put(name + "_p999_ms", percentile(values, 99.9));
        }
    }

    public static String run(Configuration conf, int eventsPerSecond, Duration duration, Duration warmUp)
            throws Exception {
        Path work = Files.createTempDirectory("moments-bench-latency");
        conf.set(MomentsOptions.INFERENCE_TEXT, false);
        conf.set(MomentsOptions.INFERENCE_FACE, false);
        conf.set(MomentsOptions.INFERENCE_VOICE, false);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        MomentsSettings.Delivery first = MomentsSettings.from(conf).kafka().decisionDelivery();
        MomentsSettings.Delivery second = first == MomentsSettings.Delivery.AT_LEAST_ONCE
                ? MomentsSettings.Delivery.EXACTLY_ONCE : MomentsSettings.Delivery.AT_LEAST_ONCE;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"))) {
            conf.set(MomentsOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            ObjectNode out = JSON.createObjectNode();
            out.put("bench", "latency");
            out.put("events_per_sec", eventsPerSecond);
            out.put("seconds", duration.toSeconds());
            out.put("warm_up_seconds", warmUp.toSeconds());
            if (!warmUp.isZero()) {
                run(broker, conf, first, "-warm-up", eventsPerSecond, warmUp);
            }
            out.put("delivery", first.wireName());
            run(broker, conf, first, "", eventsPerSecond, duration).writeTo(out);
            ObjectNode other = out.putObject("other_delivery");
            other.put("delivery", second.wireName());
            run(broker, conf, second, "", eventsPerSecond, duration).writeTo(other);
            MomentsSettings settings = MomentsSettings.from(conf);
            out.put("out_of_orderness_ms", settings.outOfOrderness().toMillis());
            out.put("idleness_ms", settings.idleness().toMillis());
            out.put("checkpoint_interval", conf.getString("execution.checkpointing.interval", "?"));
            out.put("models", false);
            return JSON.writeValueAsString(out);
        }
    }

    /** One run in one delivery mode, on topics of its own. */
    private static Latencies run(LocalKafkaBroker broker, Configuration base, MomentsSettings.Delivery delivery,
                                 String label, int eventsPerSecond, Duration duration) throws Exception {
        Configuration conf = new Configuration(base);
        String suffix = "-" + delivery.wireName() + label;
        for (ConfigOption<String> topic : List.of(MomentsOptions.TOPIC_INTERACTIONS, MomentsOptions.TOPIC_TEXT,
                MomentsOptions.TOPIC_MEDIA, MomentsOptions.TOPIC_OUTCOMES, MomentsOptions.TOPIC_POLICIES,
                MomentsOptions.TOPIC_ERASURE, MomentsOptions.TOPIC_DECISIONS, MomentsOptions.TOPIC_DEAD_LETTERS,
                MomentsOptions.TOPIC_AUDIT, MomentsOptions.TOPIC_LIFT)) {
            conf.set(topic, topic.defaultValue() + suffix);
        }
        conf.set(MomentsOptions.DECISION_DELIVERY, delivery.wireName());
        conf.set(MomentsOptions.GROUP_ID, "bench-latency" + suffix);
        conf.set(MomentsOptions.TRANSACTIONAL_ID_PREFIX, "bench-latency" + suffix);
        MomentsSettings settings = MomentsSettings.from(conf);
        broker.createTopics(2, settings.kafka().allTopics());
        // Moments in the first seconds are left out (job start-up, the idle control topics before their
        // idleness). After the run, wait long enough for its last moments to be decided (bound) and
        // committed (checkpoint interval).
        Duration warmUp = settings.idleness().plusSeconds(10);
        Duration tail = settings.outOfOrderness()
                .plus(conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).orElse(Duration.ofSeconds(10)))
                .plusSeconds(10);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        JobClient job = env.executeAsync("moments-bench-latency" + suffix);
        try {
            long start = System.currentTimeMillis();
            Thread producer = new Thread(() -> produce(broker.bootstrapServers(), settings.kafka().interactions(),
                    eventsPerSecond, duration), "bench-latency-producer");
            producer.start();
            Latencies latencies = new Latencies();
            consume(broker.bootstrapServers(), settings.kafka().decisions(), start + warmUp.toMillis(),
                    start + duration.toMillis(), start + duration.toMillis() + tail.toMillis(), latencies);
            producer.join(TimeUnit.MINUTES.toMillis(1));
            return latencies;
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** Sessions of the clickstream script, started so that {@code eventsPerSecond} events go out each second. */
    private static void produce(String bootstrap, String topic, int eventsPerSecond, Duration duration) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            long start = System.nanoTime();
            long sent = 0;
            long end = start + duration.toNanos();
            // Interleaved like the clickstream benchmark: event i is step (i / C) % 12 of one of C open sessions.
            int concurrent = Math.max(12, eventsPerSecond * 2);
            while (System.nanoTime() < end) {
                long due = (System.nanoTime() - start) * eventsPerSecond / 1_000_000_000L;
                for (; sent < due; sent++) {
                    long wave = sent / ((long) concurrent * ClickstreamInput.EVENTS_PER_SESSION);
                    long session = wave * concurrent + sent % concurrent;
                    int step = (int) ((sent / concurrent) % ClickstreamInput.EVENTS_PER_SESSION);
                    String json = ClickstreamInput.json(sent, "lat-" + session, step, System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(topic, "lat-" + session, json));
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void consume(String bootstrap, String topic, long fromTs, long untilTs, long deadline,
                                Latencies latencies) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    JsonNode d = JSON.readTree(r.value());
                    long ts = Instant.parse(d.get("ts").asText()).toEpochMilli();
                    if (ts >= fromTs && ts <= untilTs) {
                        latencies.add(d.get("triggers").get(0).asText(),
                                Instant.parse(d.get("emittedAt").asText()).toEpochMilli() - ts, now - ts);
                    }
                }
            }
        }
    }

    private static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
