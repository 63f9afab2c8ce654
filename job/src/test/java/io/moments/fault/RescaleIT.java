package io.moments.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.MomentsSettings;
import io.moments.local.LocalKafkaBroker;
import io.moments.testing.StandaloneFlinkCluster;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rescaling on a real standalone cluster (a JobManager and two TaskManagers of two slots, each its
 * own JVM) and a real Kafka broker: while a fixed input is sent on schedule, the job is stopped with a
 * savepoint at parallelism 2 and resumed from it at 4, then stopped again and resumed at 1. Sessions
 * in mid-flight move to other instances with their state (labels, partial patterns, seen ids, timers);
 * the committed decisions must equal, decision for decision, a replay of the same input, and the
 * dead letters too.
 */
class RescaleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TO_FOUR_AT_MS = 20_000;
    private static final long TO_ONE_AT_MS = 40_000;

    @Test
    void aSavepointAtTwoResumedAtFourThenAtOneDecidesAsAReplay() throws Exception {
        Path work = Files.createTempDirectory("moments-rescale");
        Instant t0 = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        FixedTraffic traffic = FixedTraffic.generate(t0, 180, 55_000, 11);
        Path policy = FaultToleranceIT.policyFile(work, "rescale-v1");
        Configuration replayConf = DecisionLedger.jobConfigWithoutModels();
        replayConf.setString("moments.policy.file", policy.toString());
        DecisionLedger expected = DecisionLedger.replay(traffic, work, replayConf);
        assertThat(expected.decisions).as("the reference replay decides").hasSizeGreaterThan(60);

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
             StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(work.resolve("flink"),
                     Map.of("taskmanager.numberOfTaskSlots", "2"), 2)) {
            broker.createTopics(2, MomentsSettings.from(new Configuration()).kafka().allTopics());
            // The shipped delivery mode; FaultToleranceIT covers both under faults.
            String delivery = MomentsSettings.from(replayConf).kafka().decisionDelivery().wireName();
            JobClient job = FaultToleranceIT.submit(cluster, config(broker, work, policy, delivery, 2, null), "moments-p2");
            List<Integer> parallelisms = new ArrayList<>(List.of(parallelism(cluster, job)));

            long start = System.nanoTime();
            CompletableFuture<Void> sending = traffic.sendOnSchedule(broker.bootstrapServers(), "interactions");
            FaultToleranceIT.sleepUntil(start, TO_FOUR_AT_MS);
            job = rescale(cluster, broker, work, policy, delivery, job, 4);
            parallelisms.add(parallelism(cluster, job));
            FaultToleranceIT.sleepUntil(start, TO_ONE_AT_MS);
            job = rescale(cluster, broker, work, policy, delivery, job, 1);
            parallelisms.add(parallelism(cluster, job));
            try {
                sending.get(3, TimeUnit.MINUTES);
                DecisionLedger committed = DecisionLedger.consume(broker.bootstrapServers(), Duration.ofMinutes(3),
                        l -> l.distinctIds().size() >= expected.distinctIds().size()
                                && l.deadLettersByReason.equals(expected.deadLettersByReason));
                DecisionLedger.Comparison result = expected.compare(committed);
                long nonIdentical = committed.nonIdenticalDuplicates();
                System.out.println(result.json("rescale", ",\"delivery\":\"" + delivery + "\",\"parallelisms\":"
                        + parallelisms + ",\"non_identical_duplicates\":" + nonIdentical + ",\"dead_letters\":"
                        + JSON.writeValueAsString(committed.deadLettersByReason)));
                committed.write(work.resolve("committed-decisions.jsonl"));

                assertThat(parallelisms).as("the session stage ran at 2, then 4, then 1").containsExactly(2, 4, 1);
                assertThat(result.lost()).as("lost decisions").isZero();
                assertThat(nonIdentical).as("duplicates that differ from their first copy").isZero();
                assertThat(result.unexpected()).as("decisions the replay did not make").isZero();
                assertThat(result.changed()).as("decisions that differ from the replay's").isZero();
                assertThat(committed.deadLettersByReason).isEqualTo(expected.deadLettersByReason)
                        .containsKeys("duplicate", "not_json");
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static JobClient rescale(StandaloneFlinkCluster cluster, LocalKafkaBroker broker, Path work, Path policy,
                                     String delivery, JobClient job, int parallelism) throws Exception {
        String savepoint = FaultToleranceIT.stopWithSavepoint(cluster, job, work.resolve("savepoints"));
        return FaultToleranceIT.submit(cluster, config(broker, work, policy, delivery, parallelism, savepoint),
                "moments-p" + parallelism);
    }

    private static Configuration config(LocalKafkaBroker broker, Path work, Path policy, String delivery,
                                        int parallelism, String savepoint) {
        Configuration conf = FaultToleranceIT.jobConfig(broker, work, policy, delivery);
        conf.setString("parallelism.default", String.valueOf(parallelism));
        if (savepoint != null) {
            conf.setString("execution.state-recovery.path", savepoint);
        }
        return conf;
    }

    /** The parallelism of the job's session stage, as the JobManager reports it. */
    private static int parallelism(StandaloneFlinkCluster cluster, JobClient job) throws Exception {
        for (JsonNode vertex : JSON.readTree(cluster.get("/jobs/" + job.getJobID())).path("vertices")) {
            if (vertex.path("name").asText().contains("Session: dedupe, labels, friction, decisions")) {
                return vertex.path("parallelism").asInt();
            }
        }
        throw new IllegalStateException("no session stage in job " + job.getJobID());
    }
}
