package io.moments.cli;

import io.moments.MomentsJob;
import io.moments.bench.ClickstreamInput;
import io.moments.bench.DiscardingOutput;
import io.moments.bench.InferenceBench;
import io.moments.bench.LatencyBench;
import io.moments.bench.InferenceItems.Modality;
import io.moments.bench.StateBench;
import io.moments.config.MomentsSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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
                System.out.println(clickstream(FlinkConfig.load(args), events, parallelism, backend));
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

    /** Runs the benchmark and returns its JSON line. */
    public static String clickstream(Configuration conf, long events, int parallelism, String backend) throws Exception {
        Path checkpoints = Files.createTempDirectory("moments-bench-checkpoints");
        conf.setString("state.backend.type", backend);
        conf.setString("execution.checkpointing.interval", "10 s");
        conf.setString(FlinkConfig.CHECKPOINT_DIR, checkpoints.toUri().toString());
        conf.setString("parallelism.default", String.valueOf(parallelism));
        conf.setString("moments.inference.text", "false");
        conf.setString("moments.inference.face", "false");
        conf.setString("moments.inference.voice", "false");
        conf.removeKey("metrics.reporter.prom.factory.class");
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new ClickstreamInput(events, 5_000), new DiscardingOutput());
        long start = System.nanoTime();
        env.execute("moments-bench-clickstream");
        double seconds = (System.nanoTime() - start) / 1e9;
        int cores = Math.min(parallelism, Runtime.getRuntime().availableProcessors());
        return String.format(Locale.ROOT,
                "{\"bench\":\"clickstream\",\"events\":%d,\"seconds\":%.2f,\"events_per_sec\":%.0f,"
                        + "\"events_per_sec_per_core\":%.0f,\"parallelism\":%d,\"cores\":%d,\"state_backend\":\"%s\","
                        + "\"checkpoint_interval_s\":10,\"includes\":\"job start-up and the final drain\"}",
                events, seconds, events / seconds, events / seconds / cores, parallelism, cores, backend);
    }
}
