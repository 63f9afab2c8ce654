package io.moments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code bench clickstream}: the full job without models on {@link ClickstreamInput}, then its peer
 * ({@link SessionWindowPeer}) on the very same events, each on its own local cluster in this JVM,
 * with the shipped state backend and checkpoint settings, into discarding sinks. A warm-up run of
 * each comes first (the JIT otherwise spends a quarter of the first run's CPU compiling); then
 * Moments, then the peer. Each time includes job start-up and the final drain. With a profile directory, both runs are CPU-profiled and a third
 * run of Moments is allocation-profiled (docs/performance.md).
 */
public final class ClickstreamBench {

    /** One TaskManager of the Helm chart (taskManager.resources.memory): the bench gets its managed memory. */
    static final String CHART_TASK_MANAGER_MEMORY = "4096m";
    /** Sessions active at once in the generated clickstream. */
    static final int CONCURRENT_SESSIONS = 5_000;
    private static final int TOP_FRAMES = 40;

    private ClickstreamBench() {}

    public static String run(Configuration shipped, long events, long warmupEvents, int parallelism, String backend,
                             Path profileDir) throws Exception {
        Path checkpoints = Files.createTempDirectory("moments-bench-checkpoints");
        try {
            Configuration conf = configure(shipped, parallelism, backend, checkpoints);
            MomentsSettings settings = MomentsSettings.from(conf);
            Consumer<StreamExecutionEnvironment> moments = moments(settings, events);
            Consumer<StreamExecutionEnvironment> peer = peer(settings, events);
            Profiler profiler = profileDir == null ? null : new Profiler(profileDir);
            double warmupSeconds = 0;
            if (warmupEvents > 0) {
                // The JIT compiles for a minute of CPU before either job runs at its pace: warm both up first.
                warmupSeconds = execute(conf, moments(settings, warmupEvents)) + execute(conf, peer(settings, warmupEvents));
            }

            double momentsSeconds = timed(profiler, "moments-cpu", "Moments bench clickstream: CPU", conf, moments);
            double peerSeconds = timed(profiler, "peer-cpu", "Session-window peer (Nexmark q11 shape): CPU", conf, peer);
            if (profiler != null) {
                profiler.profile(Profiler.Kind.ALLOC, "moments-alloc", "Moments bench clickstream: allocations",
                        () -> execute(conf, moments));
            }

            int cores = Math.min(parallelism, Runtime.getRuntime().availableProcessors());
            double perCore = events / momentsSeconds / cores;
            double peerPerCore = events / peerSeconds / cores;
            ObjectNode line = new ObjectMapper().createObjectNode()
                    .put("bench", "clickstream")
                    .put("events", events)
                    .put("seconds", round2(momentsSeconds))
                    .put("events_per_sec", Math.round(events / momentsSeconds))
                    .put("events_per_sec_per_core", Math.round(perCore))
                    .put("peer", "Nexmark q11 shape: keyBy session, event-time session windows (gap = idle timeout), count")
                    .put("peer_seconds", round2(peerSeconds))
                    .put("peer_events_per_sec_per_core", Math.round(peerPerCore))
                    .put("vs_peer", round2(perCore / peerPerCore))
                    .put("parallelism", parallelism)
                    .put("cores", cores)
                    .put("state_backend", backend)
                    .put("checkpoint_interval", conf.getString("execution.checkpointing.interval", ""))
                    .put("checkpointing_mode", conf.getString("execution.checkpointing.mode", ""))
                    .put("managed_memory", conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE).toHumanReadableString())
                    .put("warmup_events", warmupEvents)
                    .put("warmup_seconds", round2(warmupSeconds))
                    .put("order", "warm-up runs of moments and the peer, then moments, then the peer, in one JVM")
                    .put("includes", "job start-up and the final drain");
            if (profiler != null) {
                line.put("profile_dir", profiler.dir().toAbsolutePath().toString());
                Files.writeString(profiler.dir().resolve("summary.txt"), summary(profiler.dir()));
            }
            return line.toString();
        } finally {
            FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
        }
    }

    private static Consumer<StreamExecutionEnvironment> moments(MomentsSettings settings, long events) {
        return env -> MomentsJob.build(env, settings, new ClickstreamInput(events, CONCURRENT_SESSIONS),
                new DiscardingOutput());
    }

    private static Consumer<StreamExecutionEnvironment> peer(MomentsSettings settings, long events) {
        return env -> SessionWindowPeer.build(env, settings, new ClickstreamInput(events, CONCURRENT_SESSIONS));
    }

    /**
     * The shipped settings with the benchmark's parallelism and backend, models off, no metrics
     * reporter, and — unless given — the managed memory (RocksDB's block cache and write buffers) of
     * one chart TaskManager, as Flink's memory model derives it; a local cluster would get 128 MB.
     */
    static Configuration configure(Configuration shipped, int parallelism, String backend, Path checkpoints) {
        Configuration conf = new Configuration(shipped);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(MomentsOptions.INFERENCE_TEXT, false);
        conf.set(MomentsOptions.INFERENCE_FACE, false);
        conf.set(MomentsOptions.INFERENCE_VOICE, false);
        conf.removeKey("metrics.reporter.prom.factory.class");
        if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, chartManagedMemory());
        }
        return conf;
    }

    /** The managed memory of a TaskManager with the chart's process memory, by Flink's own memory model. */
    static MemorySize chartManagedMemory() {
        Configuration tm = new Configuration();
        tm.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(CHART_TASK_MANAGER_MEMORY));
        return TaskExecutorProcessUtils.processSpecFromConfig(tm).getManagedMemorySize();
    }

    private static double timed(Profiler profiler, String name, String title, Configuration conf,
                                Consumer<StreamExecutionEnvironment> job) throws Exception {
        return profiler == null ? execute(conf, job) : profiler.profile(Profiler.Kind.CPU, name, title, () -> execute(conf, job));
    }

    /** Seconds from submitting the job to its end. */
    private static double execute(Configuration conf, Consumer<StreamExecutionEnvironment> job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        job.accept(env);
        long start = System.nanoTime();
        env.execute("moments-bench-clickstream");
        return (System.nanoTime() - start) / 1e9;
    }

    private static String summary(Path dir) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"moments-cpu", "peer-cpu", "moments-alloc"}) {
            out.append("== ").append(name).append('\n').append(ProfileSummary.table(ProfileSummary.inclusive(
                    Files.readString(dir.resolve(name + ".collapsed")), ProfileSummary.OF_INTEREST, TOP_FRAMES)));
        }
        return out.toString();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
