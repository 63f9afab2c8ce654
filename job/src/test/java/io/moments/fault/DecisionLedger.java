package io.moments.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.cli.ReplayCommand;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decisions and dead letters as a consumer sees them: read with {@code read_committed} from the
 * job's Kafka topics, or from the reference replay's files, and compared decision by decision.
 * A decision's identity is its deterministic id; its substance is what a consumer acts on
 * (triggers, rule, group, action); the emission time and policy version are left out on purpose.
 */
final class DecisionLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every committed decision record, in arrival order (a duplicate appears twice). */
    final List<JsonNode> decisions = new ArrayList<>();
    final Map<String, Integer> deadLettersByReason = new TreeMap<>();

    /** flink-conf/ with the models off: the fault tests are about the delivery path, not inference. */
    static Configuration jobConfigWithoutModels() {
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.setString("moments.inference.text", "false");
        conf.setString("moments.inference.face", "false");
        conf.setString("moments.inference.voice", "false");
        return conf;
    }

    /**
     * The reference: the same records through the same topology from a file (one slot, no faults),
     * with {@code conf}'s job settings (e.g. the policy file).
     */
    static DecisionLedger replay(FixedTraffic traffic, Path work, Configuration conf) throws Exception {
        Path input = work.resolve("input.jsonl");
        traffic.writeReplayFile(input);
        Path decisions = work.resolve("expected-decisions.jsonl");
        Path deadLetters = work.resolve("expected-dead-letters.jsonl");
        ReplayCommand.replay(conf, input, decisions, deadLetters);
        return fromFiles(decisions, deadLetters);
    }

    static DecisionLedger fromFiles(Path decisions, Path deadLetters) throws IOException {
        DecisionLedger ledger = new DecisionLedger();
        for (String line : Files.readAllLines(decisions, StandardCharsets.UTF_8)) {
            ledger.decisions.add(JSON.readTree(line));
        }
        for (String line : Files.readAllLines(deadLetters, StandardCharsets.UTF_8)) {
            ledger.deadLettersByReason.merge(JSON.readTree(line).get("reason").asText(), 1, Integer::sum);
        }
        return ledger;
    }

    /**
     * Reads the committed decisions and dead letters until {@code done} says so or the deadline
     * passes, then polls a little longer so a late duplicate would still be seen.
     */
    static DecisionLedger consume(String bootstrapServers, Duration deadline, Predicate<DecisionLedger> done)
            throws IOException {
        DecisionLedger ledger = new DecisionLedger();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("decisions", "dead-letters")) {
                for (int p = 0; p < 2; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end && !done.test(ledger)) {
                ledger.add(consumer.poll(Duration.ofMillis(500)));
            }
            for (int i = 0; i < 8; i++) {
                ledger.add(consumer.poll(Duration.ofMillis(500)));
            }
        }
        return ledger;
    }

    /** The committed decisions as JSON lines, for a look after a failed run. */
    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        decisions.forEach(d -> out.append(d).append('\n'));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private void add(Iterable<ConsumerRecord<String, String>> records) throws IOException {
        for (ConsumerRecord<String, String> r : records) {
            JsonNode n = JSON.readTree(r.value());
            if (r.topic().equals("decisions")) {
                decisions.add(n);
            } else {
                deadLettersByReason.merge(n.get("reason").asText(), 1, Integer::sum);
            }
        }
    }

    Set<String> distinctIds() {
        Set<String> ids = new HashSet<>();
        decisions.forEach(d -> ids.add(d.get("decisionId").asText()));
        return ids;
    }

    /** What a consumer acts on, by decision id (the last one wins if a duplicate disagreed). */
    Map<String, String> substance() {
        Map<String, String> byId = new HashMap<>();
        for (JsonNode d : decisions) {
            byId.put(d.get("decisionId").asText(), d.get("sessionId").asText() + " " + d.get("triggers") + " "
                    + d.get("rule").asText() + " " + d.get("group").asText() + " " + d.get("action"));
        }
        return byId;
    }

    /**
     * Decision ids written more than once whose copies differ in anything but {@code emittedAt}: an
     * at-least-once consumer that deduplicates by {@code decisionId} would then act on either.
     */
    long nonIdenticalDuplicates() {
        Map<String, Set<String>> contentById = new HashMap<>();
        for (JsonNode d : decisions) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = d.deepCopy();
            copy.remove("emittedAt");
            contentById.computeIfAbsent(d.get("decisionId").asText(), id -> new HashSet<>()).add(copy.toString());
        }
        return contentById.values().stream().filter(contents -> contents.size() > 1).count();
    }

    /** Lost, duplicated, unexpected and changed decisions of {@code actual} against this reference. */
    Comparison compare(DecisionLedger actual) {
        Map<String, String> expected = substance();
        Map<String, String> got = actual.substance();
        long lost = expected.keySet().stream().filter(id -> !got.containsKey(id)).count();
        long unexpected = got.keySet().stream().filter(id -> !expected.containsKey(id)).count();
        long changed = expected.keySet().stream()
                .filter(id -> got.containsKey(id) && !got.get(id).equals(expected.get(id))).count();
        return new Comparison(expected.size(), actual.decisions.size(), lost, actual.decisions.size() - got.size(),
                unexpected, changed);
    }

    record Comparison(int expected, int committed, long lost, long duplicated, long unexpected, long changed) {
        String json(String name, String extra) {
            return String.format(Locale.ROOT, "{\"test\":\"%s\",\"expected_decisions\":%d,\"committed_decisions\":%d,"
                            + "\"lost\":%d,\"duplicated\":%d,\"unexpected\":%d,\"changed\":%d%s}",
                    name, expected, committed, lost, duplicated, unexpected, changed, extra);
        }
    }
}
