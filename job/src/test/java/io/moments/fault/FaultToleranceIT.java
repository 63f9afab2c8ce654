package io.moments.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.local.LocalKafkaBroker;
import io.moments.sink.KafkaOutput;
import io.moments.testing.StandaloneFlinkCluster;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both delivery modes under faults on a real standalone Flink cluster (a JobManager and two TaskManagers,
 * each its own JVM, configured from flink-conf/) and a real Kafka broker: a fixed input is sent on
 * schedule while a TaskManager is killed with SIGKILL (and a new one started), the broker is
 * restarted, and the job is stopped with a savepoint and resumed from it as a new job version with a
 * new policy version. The committed decisions (read_committed) must equal, decision for decision, a
 * replay of the same input: nothing lost, nothing changed; the dead letters too. Exactly-once: nothing
 * duplicated. At-least-once: duplicates are counted and reported, and each has the same
 * {@code decisionId} and identical content apart from {@code emittedAt}.
 */
class FaultToleranceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KILL_AT_MS = 25_000;
    private static final long BROKER_RESTART_AT_MS = 50_000;
    private static final long SAVEPOINT_AT_MS = 75_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void killedTaskManagerBrokerRestartAndSavepointUpgradeLoseNothing(String delivery) throws Exception {
        Path work = Files.createTempDirectory("moments-fault");
        Instant t0 = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        FixedTraffic traffic = FixedTraffic.generate(t0, 300, 90_000, 6);
        Path policyV1 = policyFile(work, "fault-v1");
        Path policyV2 = policyFile(work, "fault-v2");

        Configuration replayConf = DecisionLedger.jobConfigWithoutModels();
        replayConf.setString("moments.policy.file", policyV1.toString());
        DecisionLedger expected = DecisionLedger.replay(traffic, work, replayConf);
        assertThat(expected.decisions).as("the reference replay decides").hasSizeGreaterThan(100);

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
             StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(work.resolve("flink"),
                     Map.of("restart-strategy.exponential-delay.max-backoff", "10 s"), 2)) {
            broker.createTopics(2, MomentsSettings.from(new Configuration()).kafka().allTopics());
            Configuration v1 = jobConfig(broker, work, policyV1, delivery);
            JobClient job = submit(cluster, v1, "moments-fault-v1");

            long start = System.nanoTime();
            CompletableFuture<Void> sending = traffic.sendOnSchedule(broker.bootstrapServers(), "interactions");

            sleepUntil(start, KILL_AT_MS);
            assertThat(completedCheckpoints(cluster, job)).as("a checkpoint to recover from").isPositive();
            cluster.killTaskManager(0);
            Thread.sleep(3_000);
            cluster.startTaskManager();

            sleepUntil(start, BROKER_RESTART_AT_MS);
            broker.restart();

            sleepUntil(start, SAVEPOINT_AT_MS);
            long restarts = restarts(cluster, job);
            String savepoint = stopWithSavepoint(cluster, job, work.resolve("savepoints"));
            Configuration v2 = jobConfig(broker, work, policyV2, delivery);
            v2.setString("execution.state-recovery.path", savepoint);
            JobClient resumed = submit(cluster, v2, "moments-fault-v2");
            try {
                sending.get(3, TimeUnit.MINUTES);
                DecisionLedger committed = DecisionLedger.consume(broker.bootstrapServers(), Duration.ofMinutes(4),
                        l -> l.distinctIds().size() >= expected.distinctIds().size()
                                && l.deadLettersByReason.equals(expected.deadLettersByReason));

                DecisionLedger.Comparison result = expected.compare(committed);
                long v1Decisions = countVersion(committed, "fault-v1");
                long v2Decisions = countVersion(committed, "fault-v2");
                long v2FromSessionsBeforeSavepoint = committed.decisions.stream()
                        .filter(d -> d.get("policyVersion").asText().equals("fault-v2"))
                        .filter(d -> traffic.sessionStart(d.get("sessionId").asText())
                                < t0.toEpochMilli() + SAVEPOINT_AT_MS - 20_000)
                        .count();
                long nonIdentical = committed.nonIdenticalDuplicates();
                System.out.println(result.json("fault-tolerance", String.format(
                        ",\"delivery\":\"" + delivery + "\",\"non_identical_duplicates\":" + nonIdentical
                                + ",\"job_restarts\":%d,\"dead_letters\":%s,\"decisions_policy_v1\":%d,\"decisions_policy_v2\":%d,"
                                + "\"v2_decisions_for_sessions_begun_before_savepoint\":%d",
                        restarts, JSON.writeValueAsString(committed.deadLettersByReason), v1Decisions, v2Decisions,
                        v2FromSessionsBeforeSavepoint)));

                committed.write(work.resolve("committed-decisions.jsonl"));
                assertThat(restarts).as("the killed TaskManager ran a part of the job: it restarted").isPositive();
                assertThat(result.lost()).as("lost decisions").isZero();
                if (delivery.equals("exactly-once")) {
                    assertThat(result.duplicated()).as("duplicated decisions").isZero();
                }
                assertThat(nonIdentical).as("duplicates that differ from their first copy").isZero();
                assertThat(result.unexpected()).as("decisions the replay did not make").isZero();
                assertThat(result.changed()).as("decisions that differ from the replay's").isZero();
                assertThat(committed.deadLettersByReason).isEqualTo(expected.deadLettersByReason)
                        .containsKeys("duplicate", "not_json");
                // The upgrade took: decisions before the savepoint carry v1, after it v2, and sessions
                // that began before the savepoint went on from their saved state under v2.
                assertThat(v1Decisions).isPositive();
                assertThat(v2Decisions).isPositive();
                assertThat(v2FromSessionsBeforeSavepoint).isPositive();
            } finally {
                resumed.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    static Configuration jobConfig(LocalKafkaBroker broker, Path work, Path policy, String delivery) {
        Configuration conf = DecisionLedger.jobConfigWithoutModels();
        conf.setString("moments.kafka.bootstrap-servers", broker.bootstrapServers());
        conf.setString("moments.policy.file", policy.toString());
        conf.setString("moments.decisions.delivery", delivery);
        // Watermark bound and idleness stay as shipped (250 ms, 2 s): the broker outage is longer than
        // the idleness, and records behind the watermark after it still count for their sessions.
        conf.setString("execution.checkpointing.interval", "2 s");
        conf.setString("execution.checkpointing.dir", work.resolve("flink").resolve("checkpoints").toUri().toString());
        conf.setString("restart-strategy.exponential-delay.max-backoff", "10 s");
        conf.setString("parallelism.default", "2");
        return conf;
    }

    static JobClient submit(StandaloneFlinkCluster cluster, Configuration conf, String name) throws Exception {
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
                cluster.restPort(), conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        JobClient job = env.executeAsync(name);
        awaitAllTasksRunning(cluster, job, name);
        return job;
    }

    /**
     * Waits until the job and every one of its vertices are RUNNING. The job turns RUNNING while its
     * tasks are still being deployed (and restoring state); a checkpoint or savepoint triggered then is
     * refused with "not all required tasks are currently running".
     */
    static void awaitAllTasksRunning(StandaloneFlinkCluster cluster, JobClient job, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String details = cluster.get("/jobs/" + job.getJobID());
            if (details != null && allRunning(JSON.readTree(details))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not have all tasks RUNNING within 90 s; see the logs under "
                + cluster.work());
    }

    /**
     * Stops the job with a savepoint once all its tasks run. A task that fails over in between (the
     * cluster is loaded; a recovery is allowed) makes the savepoint's trigger refuse with "not all
     * required tasks are currently running", and the job keeps running: wait again and retry, a bounded
     * number of times. Any other failure ends the test.
     */
    static String stopWithSavepoint(StandaloneFlinkCluster cluster, JobClient job, Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            awaitAllTasksRunning(cluster, job, job.getJobID().toString());
            try {
                return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(3, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (attempt == 5 || !notAllTasksRunning(e)) {
                    throw e;
                }
                System.out.println("savepoint attempt " + attempt + " refused, not all tasks running; retrying");
                Thread.sleep(1_000);
            }
        }
    }

    private static boolean notAllTasksRunning(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Not all required tasks are currently running")) {
                return true;
            }
        }
        return false;
    }

    private static boolean allRunning(JsonNode details) {
        if (!details.path("state").asText().equals("RUNNING") || details.path("vertices").isEmpty()) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    private static long completedCheckpoints(StandaloneFlinkCluster cluster, JobClient job) throws Exception {
        JsonNode stats = JSON.readTree(cluster.get("/jobs/" + job.getJobID() + "/checkpoints"));
        return stats.path("counts").path("completed").asLong();
    }

    /** Failures the JobManager recorded for the job (each one a restart from the last checkpoint). */
    private static long restarts(StandaloneFlinkCluster cluster, JobClient job) throws Exception {
        return JSON.readTree(cluster.get("/jobs/" + job.getJobID() + "/exceptions"))
                .path("exceptionHistory").path("entries").size();
    }

    private static long countVersion(DecisionLedger ledger, String version) {
        return ledger.decisions.stream().filter(d -> d.get("policyVersion").asText().equals(version)).count();
    }

    /** The shipped default policy under another version: the same rules, so the decisions match the replay. */
    static Path policyFile(Path work, String version) throws IOException {
        try (InputStream in = FaultToleranceIT.class.getResourceAsStream("/policies/default-policy.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"version\": \"default-v1\"", "\"version\": \"" + version + "\"");
            assertThat(json).contains(version);
            Path file = work.resolve(version + ".json");
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        }
    }

    static void sleepUntil(long startNanos, long offsetMs) throws InterruptedException {
        long waitMs = offsetMs - (System.nanoTime() - startNanos) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }
}
