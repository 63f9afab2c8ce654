package io.moments.cli;

import io.moments.run.FlinkConfig;
import io.moments.bench.ClickstreamBench;
import io.moments.bench.InferenceBench;
import io.moments.bench.InferenceItems.Modality;
import io.moments.bench.LatencyBench;
import io.moments.bench.StateBench;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code bench clickstream}: the full job without models on an in-process clickstream, RocksDB and
 * checkpoints every 10 s, into discarding sinks. {@code bench inference}: one model batched in the
 * job's operator, one call per record, and bare. {@code bench state}: RocksDB bytes per active
 * session. {@code bench latency}: moment → decision through a real broker at a fixed rate. Each prints one JSON line with the measured figures (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Performance figures, one JSON line each (docs/performance.md).",
        subcommands = {BenchCommand.Clickstream.class, BenchCommand.Inference.class, BenchCommand.Latency.class,
                BenchCommand.State.class})
public final class BenchCommand {

    private BenchCommand() {}

    /** Runs the clickstream benchmark (and its peer) and returns its JSON line. */
    public static String clickstream(Configuration conf, long events, int parallelism, String backend) throws Exception {
        return ClickstreamBench.run(conf, events, 0, parallelism, backend, null);
    }

    /** The state backends the clickstream benchmark compares, by Flink's names for them. */
    enum Backend {
        rocksdb, hashmap
    }

    @Command(name = "clickstream", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"The job without models on an in-process clickstream (10 s checkpoints), and a bare Flink "
                    + "peer of Nexmark q11's shape on the same events."})
    static final class Clickstream implements Callable<Integer> {

        @Option(names = "--events", paramLabel = "N", defaultValue = "2000000", description = "Events measured.")
        long events;

        @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "500000",
                description = "Events each job runs first, unmeasured, for the JIT.")
        long warmupEvents;

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Parallelism of both jobs.")
        int parallelism;

        @Option(names = "--state-backend", paramLabel = "BACKEND", defaultValue = "rocksdb",
                description = "rocksdb or hashmap.")
        Backend backend;

        @Option(names = "--profile", paramLabel = "DIR", arity = "0..1", fallbackValue = ".moments/profile",
                description = "CPU and allocation flame graphs (async-profiler) into DIR; without DIR into "
                        + "${FALLBACK-VALUE}")
        Path profile;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            System.out.println(ClickstreamBench.run(flinkConfig.load(), events, warmupEvents, parallelism,
                    backend.name(), profile));
            return 0;
        }
    }

    @Command(name = "inference", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "One model batched in the job's operator, one call per record, and bare, side by side.")
    static final class Inference implements Callable<Integer> {

        @Option(names = "--modality", paramLabel = "MODALITY", defaultValue = "text",
                converter = Converters.ModalityConverter.class, completionCandidates = Converters.Modalities.class,
                description = "${COMPLETION-CANDIDATES}.")
        Modality modality;

        @Option(names = "--items", paramLabel = "N",
                description = "Items measured per round (default: 3000 text, 200 image, 2000 audio).")
        Long items;

        @Option(names = "--warmup", paramLabel = "N",
                description = "Items each way runs first, unmeasured (default: 320 text, 32 image, 160 audio).")
        Long warmup;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", description = "Rounds of every way in turn.")
        int rounds;

        @Option(names = "--models-dir", paramLabel = "DIR",
                description = "The repository's models directory, where the inputs are read (default: models/ next to "
                        + "flink-conf/).")
        Path modelsDir;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            // Defaults sized for stable figures within a few minutes on 2 cores (docs/performance.md).
            long n = items != null ? items : switch (modality) {
                case TEXT -> 3000;
                case IMAGE -> 200;
                case AUDIO -> 2000;
            };
            long w = warmup != null ? warmup : switch (modality) {
                case TEXT -> 320;
                case IMAGE -> 32;
                case AUDIO -> 160;
            };
            Path models = modelsDir != null ? modelsDir : Main.repositoryRoot().resolve("models");
            System.out.println(InferenceBench.run(flinkConfig.load(), modality, n, w, rounds, models));
            return 0;
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Moment → decision latency through a real broker, both delivery modes one after the other.")
    static final class Latency implements Callable<Integer> {

        @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", defaultValue = "500", description = "Input rate.")
        int rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "120", description = "Seconds measured per mode.")
        long seconds;

        @Option(names = "--warm-up-seconds", paramLabel = "S", defaultValue = "30",
                description = "Seconds run first, unmeasured.")
        long warmUpSeconds;

        @Option(names = "--parallelism", paramLabel = "N", description = "Default parallelism of every operator.")
        Integer parallelism;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            System.out.println(LatencyBench.run(withParallelism(flinkConfig.load(), parallelism), rate,
                    Duration.ofSeconds(seconds), Duration.ofSeconds(warmUpSeconds)));
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "RocksDB bytes per active session, from a full checkpoint and a canonical savepoint.")
    static final class State implements Callable<Integer> {

        @Option(names = "--sessions", paramLabel = "N", defaultValue = "10000", description = "Active sessions measured.")
        int sessions;

        @Option(names = "--baseline-sessions", paramLabel = "N", defaultValue = "100",
                description = "Sessions of the baseline subtracted from the figures.")
        int baselineSessions;

        @Option(names = "--parallelism", paramLabel = "N", description = "Default parallelism of every operator.")
        Integer parallelism;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            System.out.println(StateBench.run(withParallelism(flinkConfig.load(), parallelism), sessions,
                    baselineSessions));
            return 0;
        }
    }

    private static Configuration withParallelism(Configuration conf, Integer parallelism) {
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        return conf;
    }
}
