package io.moments.cli;

import io.moments.bench.ClickstreamBench;
import io.moments.bench.InferenceBench;
import io.moments.bench.LatencyBench;
import io.moments.bench.InferenceItems.Modality;
import io.moments.bench.StateBench;
import org.apache.flink.configuration.Configuration;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code bench clickstream}: the full job without models on an in-process clickstream, RocksDB and
 * checkpoints every 10 s, into discarding sinks. {@code bench inference}: one model batched in the
 * job's operator, one call per record, and bare. {@code bench state}: RocksDB bytes per active
 * session. {@code bench latency}: moment → decision through a real broker at a fixed rate. Each prints one JSON line with the measured figures (docs/performance.md).
 */
public final class BenchCommand {

    private BenchCommand() {}

    static void run(Args args) throws Exception {
        String name = args.positional().isEmpty() ? "" : args.positional().get(0);
        switch (name) {
            case "clickstream" -> {
                long events = Long.parseLong(args.get("events", "2000000"));
                int parallelism = Integer.parseInt(args.get("parallelism", "2"));
                String backend = args.get("state-backend", "rocksdb");
                // --profile alone writes the flame graphs under .moments/profile; --profile DIR there.
                String profile = args.get("profile", null);
                Path profileDir = profile == null ? null : Path.of("true".equals(profile) ? ".moments/profile" : profile);
                long warmup = Long.parseLong(args.get("warmup-events", "500000"));
                System.out.println(ClickstreamBench.run(FlinkConfig.load(args), events, warmup, parallelism, backend,
                        profileDir));
            }
            case "inference" -> {
                Modality modality;
                try {
                    modality = Modality.parse(args.get("modality", "text"));
                } catch (IllegalArgumentException e) {
                    throw new Args.UsageException(e.getMessage());
                }
                // Defaults sized for stable figures within a few minutes on 2 cores (docs/performance.md).
                long items = Long.parseLong(args.get("items", switch (modality) {
                    case TEXT -> "3000";
                    case IMAGE -> "200";
                    case AUDIO -> "2000";
                }));
                long warmup = Long.parseLong(args.get("warmup", switch (modality) {
                    case TEXT -> "320";
                    case IMAGE -> "32";
                    case AUDIO -> "160";
                }));
                int rounds = Integer.parseInt(args.get("rounds", "2"));
                Path models = Path.of(args.get("models-dir", repositoryRoot().resolve("models").toString()));
                System.out.println(InferenceBench.run(FlinkConfig.load(args), modality, items, warmup, rounds, models));
            }
            case "state" -> {
                int sessions = Integer.parseInt(args.get("sessions", "10000"));
                int baseline = Integer.parseInt(args.get("baseline-sessions", "100"));
                System.out.println(StateBench.run(FlinkConfig.load(args), sessions, baseline));
            }
            case "latency" -> {
                // Both delivery modes, one after the other, at the same rate (docs/performance.md).
                int rate = Integer.parseInt(args.get("rate", "500"));
                Duration duration = Duration.ofSeconds(Long.parseLong(args.get("seconds", "120")));
                Duration warmUp = Duration.ofSeconds(Long.parseLong(args.get("warm-up-seconds", "30")));
                System.out.println(LatencyBench.run(FlinkConfig.load(args), rate, duration, warmUp));
            }
            default -> throw new Args.UsageException(
                    "bench needs a benchmark name: clickstream, inference, latency or state");
        }
    }

    /** The checkout the launcher runs from: the parent of its flink-conf directory. */
    private static Path repositoryRoot() {
        return Path.of(System.getProperty("moments.flink-conf", "flink-conf")).toAbsolutePath().getParent();
    }

    /** Runs the clickstream benchmark (and its peer) and returns its JSON line. */
    public static String clickstream(Configuration conf, long events, int parallelism, String backend) throws Exception {
        return ClickstreamBench.run(conf, events, 0, parallelism, backend, null);
    }
}
