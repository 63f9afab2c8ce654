package io.moments.cli;

import io.moments.consumer.AdServerView;
import io.moments.consumer.DecisionConsumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code consume}: reads decisions as an ad server would (CloudEvents, deduplicated by {@code ce_id},
 * expired ones dropped) and prints what it would apply. Without {@code --bootstrap-servers} it reads
 * the running demo's broker.
 */
public final class ConsumeCommand {

    /** Where the demo leaves its broker's address for this command. */
    static final Path DEMO_BROKER = Path.of(".moments", "demo-broker");

    private ConsumeCommand() {}

    static void run(Args args) throws Exception {
        String bootstrap = args.get("bootstrap-servers", null);
        if (bootstrap == null) {
            if (!Files.exists(DEMO_BROKER)) {
                throw new Args.UsageException("no --bootstrap-servers and no running demo (" + DEMO_BROKER + " is missing)");
            }
            bootstrap = Files.readString(DEMO_BROKER).trim();
        }
        String topic = args.get("topic", "decisions");
        Duration idle = Args.duration(args.get("idle-timeout", "30s"));
        long max = Long.parseLong(args.get("max-records", String.valueOf(Long.MAX_VALUE)));
        boolean fromBeginning = Boolean.parseBoolean(args.get("from-beginning", "false"));
        System.err.println("moments consume: " + topic + " on " + bootstrap + (fromBeginning ? " from the beginning" : " from now")
                + "; stops after " + idle.toSeconds() + " s without records");
        try (DecisionConsumer consumer = new DecisionConsumer(bootstrap, topic, fromBeginning, Clock.systemUTC())
                .showRecords(Boolean.parseBoolean(args.get("show-records", "false")))) {
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
    }
}
