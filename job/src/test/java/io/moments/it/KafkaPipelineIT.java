package io.moments.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.moments.consumer.AdServerView;
import io.moments.consumer.DecisionConsumer;
import io.moments.privacy.GppSignals;
import io.moments.privacy.GppStrings;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.KafkaJobFixture;
import io.moments.testing.Shopper;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job against a real Kafka broker (child JVM, KRaft) on a Flink MiniCluster with RocksDB
 * and checkpoints: scripted sessions in (some delivered out of order, one abandoned at checkout,
 * one duplicate, one malformed record, two US shoppers with GPP strings), decisions read back with
 * read_committed as CloudEvents with the SDK, then through the ad-server consumer example.
 */
class KafkaPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    private static KafkaJobFixture kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaJobFixture.start("moments-it");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void scriptedSessionsComeBackAsCommittedDecisions() throws Exception {
        JobClient job = kafka.startJob(kafka.jobConfig(KafkaJobFixture.freePort()), "moments-it");
        try {
            produceSessions();
            Map<String, Set<String>> triggers = new HashMap<>();
            Map<String, Integer> deadReasons = new HashMap<>();
            List<String> decisionIds = new ArrayList<>();
            Map<String, JsonNode> lastDecision = new HashMap<>();
            consumeUntil(triggers, deadReasons, decisionIds, lastDecision);

            assertThat(triggers.get("it-abandoner")).contains("checkout_pause");
            assertThat(triggers.get("it-pricing")).contains("pricing_contact");
            assertThat(triggers.get("it-fumbler")).contains("form_error_loop");
            assertThat(triggers.getOrDefault("it-buyer", Set.of())).doesNotContain("checkout_pause");
            assertThat(deadReasons).containsEntry("not_json", 1).containsEntry("duplicate", 1);
            assertThat(new HashSet<>(decisionIds)).as("exactly once: no decision twice").hasSameSizeAs(decisionIds);

            // Consent by jurisdiction: a US shopper without opt-out is personalized and gets targeting, one who
            // opted out of sale in the GPP string is not, and the record says which signal decided.
            JsonNode us = lastDecision.get("it-us");
            assertThat(us.path("action").path("personalized").asBoolean()).as(us.toString()).isTrue();
            assertThat(us.path("explanation").asText()).contains("no opt-out in gpp usnat — us rule, region US-CA");
            assertThat(us.path("targeting").path("custParams").asText()).startsWith("mm_moment=");
            JsonNode optedOut = lastDecision.get("it-us-optout");
            assertThat(optedOut.path("action").path("personalized").asBoolean()).isFalse();
            assertThat(optedOut.has("targeting")).isFalse();
            assertThat(optedOut.path("explanation").asText()).contains("gpp opt-out: usnat sale");

            // The consumer example on the same topic: the US decision applies at its moment, every decision
            // is stale ten minutes later, and nothing is applied twice.
            Instant usMoment = Instant.parse(us.get("ts").asText());
            try (DecisionConsumer atTheMoment = new DecisionConsumer(kafka.bootstrapServers(), "decisions", true,
                    Clock.fixed(usMoment.plusSeconds(1), ZoneOffset.UTC))) {
                List<AdServerView.Outcome> outcomes = drain(atTheMoment);
                assertThat(outcomes).filteredOn(o -> o.sessionId().equals("it-us") && o.decisionId().equals(us.get("decisionId").asText()))
                        .singleElement().satisfies(o -> {
                            assertThat(o.verdict()).isEqualTo(AdServerView.Verdict.APPLY);
                            assertThat(o.custParams()).isEqualTo(us.path("targeting").path("custParams").asText());
                        });
                assertThat(outcomes).filteredOn(o -> o.sessionId().equals("it-us-optout"))
                        .allSatisfy(o -> assertThat(o.verdict()).isIn(AdServerView.Verdict.DEFAULT, AdServerView.Verdict.EXPIRED));
                assertThat(outcomes).noneMatch(o -> o.verdict() == AdServerView.Verdict.NOT_A_DECISION);
            }
            try (DecisionConsumer now = new DecisionConsumer(kafka.bootstrapServers(), "decisions", true, Clock.systemUTC())) {
                assertThat(drain(now)).hasSize(decisionIds.size())
                        .allSatisfy(o -> assertThat(o.verdict()).isEqualTo(AdServerView.Verdict.EXPIRED));
            }

            // The operator's metrics are served in Prometheus format (on 127.0.0.1) while the job runs.
            String metrics = scrapePrometheus();
            assertThat(metrics).contains("flink_taskmanager_job_task_operator_type_eventsIn{")
                    .contains("flink_taskmanager_job_task_operator_reason_deadLetters{")
                    .contains("flink_taskmanager_job_task_operator_pattern_frictionMatches{")
                    .contains("flink_taskmanager_job_task_operator_group_action_decisions{")
                    .contains("flink_taskmanager_job_task_operator_jurisdiction_signal_personalized_consentDecisions{")
                    .contains("flink_taskmanager_job_task_operator_activeSessions{")
                    .contains("flink_taskmanager_job_task_operator_model_inferenceLatency{")
                    .contains("flink_taskmanager_job_task_operator_model_batchSize{");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** Everything on the topic, through the consumer example (bounded: stops after three empty polls). */
    private static List<AdServerView.Outcome> drain(DecisionConsumer consumer) {
        List<AdServerView.Outcome> all = new ArrayList<>();
        for (int empty = 0, polls = 0; empty < 3 && polls < 60; polls++) {
            List<AdServerView.Outcome> batch = consumer.poll(Duration.ofMillis(500), null);
            empty = batch.isEmpty() ? empty + 1 : 0;
            all.addAll(batch);
        }
        return all;
    }

    private static void produceSessions() throws Exception {
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String start = t0.toString();
        List<String> lines = new ArrayList<>();
        lines.addAll(Shopper.session("it-abandoner", start, Shopper.FULL_CONSENT_TCF)
                .page("cart").after(4).step(1).after(6).page("product").lines());
        lines.addAll(Shopper.session("it-pricing", start, Shopper.FULL_CONSENT_TCF)
                .page("pricing").after(15).page("product").after(10).act("chat_open").lines());
        lines.addAll(Shopper.session("it-buyer", start, Shopper.FULL_CONSENT_TCF)
                .page("product").after(3).act("add_to_cart").after(2).step(1).after(4).step(2).after(4)
                .act("purchase").lines());
        lines.addAll(Shopper.session("it-fumbler", start).step(1).after(2).act("form_error").after(2)
                .act("form_error").after(2).act("form_error").after(1).text("support", "the card field keeps failing").lines());
        lines.addAll(Shopper.session("it-us", start).withGpp(GppStrings.builder().us("usnat").encode(), "US-CA")
                .page("cart").after(4).step(1).after(6).page("product").lines());
        lines.addAll(Shopper.session("it-us-optout", start)
                .withGpp(GppStrings.builder().us("usnat", GppSignals.OptOut.SALE).encode(), "US")
                .page("cart").after(4).step(1).after(6).page("product").lines());
        lines.sort((a, b) -> ts(a).compareTo(ts(b)));
        List<String> delivered = FlinkTestSupport.shuffledWithin(lines, l -> ts(l).toEpochMilli(), 8_000, 11);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (String line : delivered) {
                JsonNode n = JSON.readTree(line);
                String topic = n.get("schema").asText().startsWith("text") ? "text" : "interactions";
                producer.send(new ProducerRecord<>(topic, n.get("sessionId").asText(), line));
            }
            producer.send(new ProducerRecord<>("interactions", "it-buyer", delivered.get(0).contains("it-buyer")
                    ? delivered.get(0) : lines.stream().filter(l -> l.contains("it-buyer")).findFirst().orElseThrow()));
            producer.send(new ProducerRecord<>("interactions", "it-broken", "{\"schema\":\"interaction/v1\",\"eventId\":"));
            producer.flush();
            // A later heartbeat on every partition moves event time on, so the abandoned checkout's
            // 30 s of silence is established by the watermark (as further traffic would in production).
            String later = t0.plus(3, ChronoUnit.MINUTES).toString();
            for (int partition = 0; partition < 2; partition++) {
                for (String line : Shopper.session("it-clock-" + partition, later).page("home").lines()) {
                    producer.send(new ProducerRecord<>("interactions", partition, "it-clock-" + partition, line));
                }
            }
            producer.flush();
        }
    }

    /**
     * Reads decisions with the CloudEvents SDK (checking every header against the record) and dead letters,
     * until every expected trigger and reason is in.
     */
    private static void consumeUntil(Map<String, Set<String>> triggers, Map<String, Integer> deadReasons,
                                     List<String> decisionIds, Map<String, JsonNode> lastDecision) throws Exception {
        CloudEventDeserializer events = new CloudEventDeserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("decisions", "dead-letters")) {
                for (int p = 0; p < 2; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline && !complete(triggers, deadReasons)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode n = JSON.readTree(r.value());
                    if (r.topic().equals("decisions")) {
                        CloudEvent ce = events.deserialize(r.topic(), r.headers(), r.value());
                        assertThat(ce.getId()).isEqualTo(n.get("decisionId").asText());
                        assertThat(ce.getType()).isEqualTo("io.moments.decision.v1");
                        assertThat(ce.getSource()).hasToString("/moments");
                        assertThat(ce.getSpecVersion()).isEqualTo(SpecVersion.V1);
                        assertThat(ce.getDataContentType()).isEqualTo("application/json");
                        assertThat(ce.getTime().toInstant()).isEqualTo(Instant.parse(n.get("ts").asText()));
                        assertThat(r.key()).isEqualTo(n.get("sessionId").asText());
                        decisionIds.add(ce.getId());
                        lastDecision.put(r.key(), n);
                        n.get("triggers").forEach(t -> triggers.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(t.asText()));
                    } else {
                        deadReasons.merge(n.get("reason").asText(), 1, Integer::sum);
                    }
                }
            }
            // Drain what else is committed, so a duplicate decision would be seen.
            for (int i = 0; i < 6; i++) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.topic().equals("decisions")) {
                        decisionIds.add(JSON.readTree(r.value()).get("decisionId").asText());
                    }
                }
            }
        }
    }

    private static boolean complete(Map<String, Set<String>> triggers, Map<String, Integer> deadReasons) {
        return triggers.getOrDefault("it-abandoner", Set.of()).contains("checkout_pause")
                && triggers.getOrDefault("it-us", Set.of()).contains("checkout_pause")
                && triggers.getOrDefault("it-us-optout", Set.of()).contains("checkout_pause")
                && triggers.getOrDefault("it-pricing", Set.of()).contains("pricing_contact")
                && triggers.getOrDefault("it-fumbler", Set.of()).contains("form_error_loop")
                && deadReasons.containsKey("not_json") && deadReasons.containsKey("duplicate");
    }

    /** The metrics page of the reporter in this JVM (the first port of the range that answers). */
    private static String scrapePrometheus() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        StringBuilder all = new StringBuilder();
        for (int port = 19249; port <= 19270; port++) {
            try {
                all.append(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            } catch (java.io.IOException nothingThere) {
                // not bound
            }
        }
        return all.toString();
    }

    private static Instant ts(String line) {
        try {
            return Instant.parse(JSON.readTree(line).get("ts").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
