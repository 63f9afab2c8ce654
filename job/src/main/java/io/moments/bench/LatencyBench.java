package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.local.LocalKafkaBroker;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.CheckpointingOptions;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench latency}: the job (no models) on a local MiniCluster between a real Kafka broker's
 * topics, fed clickstream sessions at a fixed rate with event time = send time, for a fixed duration.
 * For every committed decision it measures two latencies from the moment's event time: when the job
 * decided ({@code emittedAt}) and when a {@code read_committed} consumer could first read it. The
 * first is bounded below by the watermark's out-of-orderness bound, the second also by the
 * checkpoint interval (exactly-once output becomes visible when its checkpoint completes).
 */
public final class LatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyBench() {}

    public static String run(Configuration conf, int eventsPerSecond, Duration duration) throws Exception {
        Path work = Files.createTempDirectory("moments-bench-latency");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"))) {
            broker.createTopics(2, MomentsSettings.from(new Configuration()).kafka().allTopics());
            conf.setString("moments.kafka.bootstrap-servers", broker.bootstrapServers());
            conf.setString("moments.inference.text", "false");
            conf.setString("moments.inference.face", "false");
            conf.setString("moments.inference.voice", "false");
            conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
            MomentsSettings settings = MomentsSettings.from(conf);
            // Moments in the first idleness (+ margin) are left out: the idle control topics hold the
            // first watermark back until then. After the run, wait long enough for its last moments to
            // be decided (out-of-orderness) and committed (checkpoint interval).
            Duration warmUp = settings.idleness().plusSeconds(15);
            Duration tail = settings.outOfOrderness()
                    .plus(conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).orElse(Duration.ofSeconds(10)))
                    .plusSeconds(25);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
            JobClient job = env.executeAsync("moments-bench-latency");
            try {
                long start = System.currentTimeMillis();
                Thread producer = new Thread(() -> produce(broker.bootstrapServers(), settings.kafka().interactions(),
                        eventsPerSecond, duration), "bench-latency-producer");
                producer.start();
                List<Long> decided = new ArrayList<>();
                List<Long> visible = new ArrayList<>();
                consume(broker.bootstrapServers(), settings.kafka().decisions(), start + warmUp.toMillis(),
                        start + duration.toMillis(), start + duration.toMillis() + tail.toMillis(), decided, visible);
                producer.join(TimeUnit.MINUTES.toMillis(1));
                return String.format(Locale.ROOT,
                        "{\"bench\":\"latency\",\"events_per_sec\":%d,\"seconds\":%d,\"decisions\":%d,"
                                + "\"decided_p50_ms\":%d,\"decided_p99_ms\":%d,\"visible_p50_ms\":%d,\"visible_p99_ms\":%d,"
                                + "\"out_of_orderness_ms\":%d,\"checkpoint_interval\":\"%s\",\"models\":false}",
                        eventsPerSecond, duration.toSeconds(), decided.size(), percentile(decided, 50),
                        percentile(decided, 99), percentile(visible, 50), percentile(visible, 99),
                        settings.outOfOrderness().toMillis(), conf.getString("execution.checkpointing.interval", "?"));
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
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
                                List<Long> decided, List<Long> visible) throws Exception {
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
                        decided.add(Instant.parse(d.get("emittedAt").asText()).toEpochMilli() - ts);
                        visible.add(now - ts);
                    }
                }
            }
        }
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
