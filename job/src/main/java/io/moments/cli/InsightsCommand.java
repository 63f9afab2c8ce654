package io.moments.cli;

import io.moments.insights.InsightTable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code insights}: the top friction steps and pages of the latest insight windows, from an insight/v1
 * file (a replay's {@code --insights}), the insights topic, the running demo's broker, or else the
 * last demo's rows.
 */
public final class InsightsCommand {

    static final Path LAST_DEMO_INSIGHTS = Path.of(".moments", "last-insights.jsonl");

    private InsightsCommand() {}

    static void run(Args args) throws Exception {
        int windows = Integer.parseInt(args.get("windows", "5"));
        int top = Integer.parseInt(args.get("top", "10"));
        InsightTable table = new InsightTable();
        String input = args.get("input", null);
        if (input == null && args.get("bootstrap-servers", null) == null && !Files.exists(ConsumeCommand.DEMO_BROKER)
                && Files.exists(LAST_DEMO_INSIGHTS)) {
            input = LAST_DEMO_INSIGHTS.toString();
        }
        if (input != null) {
            Path file = Path.of(input);
            if (!Files.isRegularFile(file)) {
                throw new Args.UsageException("no such insights file: " + file);
            }
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    table.add(line);
                }
            }
        } else {
            String bootstrap = args.get("bootstrap-servers", null);
            if (bootstrap == null) {
                if (!Files.exists(ConsumeCommand.DEMO_BROKER)) {
                    throw new Args.UsageException("pass --input F.jsonl or --bootstrap-servers H:P (no demo is running "
                            + "and none has run here)");
                }
                bootstrap = Files.readString(ConsumeCommand.DEMO_BROKER).trim();
            }
            readTopic(bootstrap, args.get("topic", "insights"), table);
        }
        table.print(windows, top, System.out);
    }

    /** Everything committed on the topic, up to its end at the time of the call. */
    private static void readTopic(String bootstrap, String topic, InsightTable table) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    table.add(r.value());
                }
            }
        }
    }
}
