package io.moments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.accumulators.StringifiedAccumulatorResult;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.FileUtils;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench state}: bytes of keyed and operator state per active session. Runs the job without
 * models on a RocksDB backend over {@link SessionPopulation}, waits until every record is in, and
 * then, with all sessions still active, takes
 * <ul>
 *   <li>a <b>full native checkpoint</b> ({@link CheckpointType#FULL}: every RocksDB SST file, nothing
 *       shared with earlier checkpoints — what the first incremental checkpoint of a job uploads), and</li>
 *   <li>a <b>canonical savepoint</b> (Flink's format-independent key/value serialization: the logical size).</li>
 * </ul>
 * Sizes come from each snapshot's metadata, per operator. The same is done for a small baseline
 * population; the per-session figures are the differences divided by the difference in sessions,
 * so fixed costs (empty column families, RocksDB manifests, broadcast policy) are not spread over them.
 */
public final class StateBench {

    static final long SEED = 20261121L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateBench() {}

    /** Snapshot sizes of one population, in bytes, per operator (uid, else name). */
    record Sizes(int records, Map<String, Long> nativeFull, Map<String, Long> canonical, double seconds) {
        static long total(Map<String, Long> byOperator) {
            return byOperator.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Measures {@code sessions} and {@code baselineSessions} and returns one JSON line. */
    public static String run(Configuration conf, int sessions, int baselineSessions) throws Exception {
        if (sessions <= baselineSessions || baselineSessions < 0) {
            throw new IllegalArgumentException("need sessions > baseline sessions >= 0");
        }
        Sizes base = measure(conf, baselineSessions);
        Sizes full = measure(conf, sessions);
        int delta = sessions - baselineSessions;

        ObjectNode line = JSON.createObjectNode();
        line.put("bench", "state");
        line.put("sessions", sessions);
        line.put("baseline_sessions", baselineSessions);
        line.put("records", full.records());
        line.put("records_per_session", Math.round(10.0 * full.records() / sessions) / 10.0);
        long nativeTotal = Sizes.total(full.nativeFull());
        long nativeBase = Sizes.total(base.nativeFull());
        long canonicalTotal = Sizes.total(full.canonical());
        long canonicalBase = Sizes.total(base.canonical());
        line.put("native_bytes_per_session", Math.round((double) (nativeTotal - nativeBase) / delta));
        line.put("canonical_bytes_per_session", Math.round((double) (canonicalTotal - canonicalBase) / delta));
        line.put("target_bytes_per_session", 2048);
        line.put("native_bytes", nativeTotal);
        line.put("native_baseline_bytes", nativeBase);
        line.put("canonical_bytes", canonicalTotal);
        line.put("canonical_baseline_bytes", canonicalBase);
        perSession(line.putObject("native_bytes_per_session_by_operator"), full.nativeFull(), base.nativeFull(), delta);
        perSession(line.putObject("canonical_bytes_per_session_by_operator"), full.canonical(), base.canonical(), delta);
        line.put("state_backend", "rocksdb");
        line.put("native_snapshot", "full checkpoint (all SST files, no sharing; the first incremental checkpoint uploads the same)");
        line.put("sst_compression", conf.getString("state.backend.rocksdb.compression.per.level", "SNAPPY_COMPRESSION"));
        line.put("canonical_snapshot", "canonical savepoint");
        line.put("snapshot_compression", conf.getString("execution.checkpointing.snapshot-compression", "false"));
        line.put("timers", conf.getString("state.backend.rocksdb.timer-service.factory", "ROCKSDB"));
        line.put("parallelism", conf.get(CoreOptions.DEFAULT_PARALLELISM));
        line.put("seconds", Math.round(10 * (base.seconds() + full.seconds())) / 10.0);
        return JSON.writeValueAsString(line);
    }

    private static void perSession(ObjectNode out, Map<String, Long> full, Map<String, Long> base, int delta) {
        for (Map.Entry<String, Long> e : full.entrySet()) {
            long perSession = Math.round((double) (e.getValue() - base.getOrDefault(e.getKey(), 0L)) / delta);
            if (perSession != 0) {
                out.put(e.getKey(), perSession);
            }
        }
    }

    static Sizes measure(Configuration base, int sessions) throws Exception {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("moments-bench-state");
        try {
            Configuration conf = new Configuration(base);
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
            // Only the snapshots this benchmark triggers, and time enough for them on a slow machine.
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofHours(1));
            conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(10));
            // Running accumulators reach the driver with the task managers' heartbeats.
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
            conf.set(MomentsOptions.INFERENCE_TEXT, false);
            conf.set(MomentsOptions.INFERENCE_FACE, false);
            conf.set(MomentsOptions.INFERENCE_VOICE, false);
            conf.removeKey("metrics.reporter.prom.factory.class");
            int parallelism = conf.get(CoreOptions.DEFAULT_PARALLELISM);

            StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
            SessionPopulation population = new SessionPopulation(sessions, SEED);
            MomentsJob.build(env, MomentsSettings.from(conf), population, new DiscardingOutput());
            StreamGraph graph = env.getStreamGraph();

            try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build())) {
                cluster.start();
                JobID job = cluster.submitJob(graph).get().getJobID();
                awaitEmitted(cluster, job, population.records());
                // One more periodic watermark (200 ms) so that it reflects the last records, as it would live.
                Thread.sleep(1_000);
                long checkpointId = cluster.triggerCheckpoint(job, CheckpointType.FULL).get();
                Map<String, Long> nativeFull = sizes(dir.resolve("checkpoints").resolve(job.toString())
                        .resolve("chk-" + checkpointId));
                String savepoint = cluster.triggerSavepoint(job, dir.resolve("savepoints").toUri().toString(), false,
                        SavepointFormatType.CANONICAL).get();
                Map<String, Long> canonical = sizes(Path.of(URI.create(savepoint)));
                cluster.cancelJob(job).get();
                return new Sizes(population.records(), nativeFull, canonical,
                        (System.nanoTime() - start) / 1e9);
            }
        } finally {
            FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }

    /** Waits until the source has emitted the whole population (the barrier then follows every record). */
    private static void awaitEmitted(MiniCluster cluster, JobID job, long records) throws Exception {
        while (true) {
            JobStatus status = cluster.getJobStatus(job).get();
            if (status.isTerminalState()) {
                throw new IllegalStateException("the benchmark job ended (" + status + ") before its snapshots",
                        cluster.requestJobResult(job).get().getSerializedThrowable()
                                .map(t -> t.deserializeError(StateBench.class.getClassLoader())).orElse(null));
            }
            for (StringifiedAccumulatorResult a : cluster.getExecutionGraph(job).get().getAccumulatorResultsStringified()) {
                if (a.getName().equals(SessionPopulation.EMITTED) && Long.parseLong(a.getValue()) >= records) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    /** State size per operator from a snapshot's {@code _metadata}. */
    private static Map<String, Long> sizes(Path snapshotDir) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (InputStream in = Files.newInputStream(snapshotDir.resolve("_metadata"))) {
            CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    StateBench.class.getClassLoader(), snapshotDir.toUri().toString());
            for (OperatorState op : metadata.getOperatorStates()) {
                if (op.getStateSize() > 0) {
                    String name = op.getOperatorUid().filter(u -> !u.isEmpty())
                            .or(op::getOperatorName).orElse(op.getOperatorID().toString());
                    out.merge(name, op.getStateSize(), Long::sum);
                }
            }
        }
        return out;
    }
}
