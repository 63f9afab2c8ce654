package io.moments.cli;

import io.moments.consumer.AdServerView;
import io.moments.consumer.DecisionConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code consume}: reads decisions as an ad server would (CloudEvents, deduplicated by {@code ce_id},
 * expired ones dropped) and prints what it would apply. Without {@code --bootstrap-servers} it reads
 * the running demo's broker.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Decisions as an ad server reads them (CloudEvents; duplicates and expired ones dropped); "
                + "default: the running demo's broker."})
public final class ConsumeCommand implements Callable<Integer> {

    /** Where the demo leaves its broker's address for this command. */
    static final Path DEMO_BROKER = Path.of(".moments", "demo-broker");

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka brokers (default: the running demo's).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "decisions", description = "The decisions topic.")
    String topic;

    @Option(names = "--from-beginning", description = "Read the topic from its beginning (default: from now).")
    boolean fromBeginning;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Stop after this long without records.")
    Duration idle;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after this many records (default: no limit).")
    Long maxRecords;

    @Option(names = "--show-records", description = "Print each record's key, headers and value.")
    boolean showRecords;

    @Override
    public Integer call() throws Exception {
        String bootstrap = bootstrapServers;
        if (bootstrap == null) {
            if (!Files.exists(DEMO_BROKER)) {
                throw Main.usage(spec, "no --bootstrap-servers and no running demo (" + DEMO_BROKER + " is missing)");
            }
            bootstrap = Files.readString(DEMO_BROKER).trim();
        }
        long max = maxRecords == null ? Long.MAX_VALUE : maxRecords;
        System.err.println("moments consume: " + topic + " on " + bootstrap + (fromBeginning ? " from the beginning" : " from now")
                + "; stops after " + idle.toSeconds() + " s without records");
        try (DecisionConsumer consumer = new DecisionConsumer(bootstrap, topic, fromBeginning, Clock.systemUTC())
                .showRecords(showRecords)) {
            long read = 0;
            long quietSince = System.nanoTime();
            while (read < max && System.nanoTime() - quietSince < idle.toNanos()) {
                int n = consumer.poll(Duration.ofMillis(500), System.out).size();
                read += n;
                if (n > 0) {
                    quietSince = System.nanoTime();
                }
            }
            StringBuilder summary = new StringBuilder("moments consume: " + read + " records");
            for (AdServerView.Verdict v : AdServerView.Verdict.values()) {
                summary.append(", ").append(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append(' ')
                        .append(consumer.counts().getOrDefault(v, 0L));
            }
            System.err.println(summary);
        }
        return 0;
    }
}
