package io.moments.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.decide.Policy;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control topics on a running job: a new policy takes effect without a restart, an invalid one is
 * refused with a dead letter while the previous policy stays, friction patterns published in a
 * policy match from the switch on, and an erasure request by user id reaches the user's session.
 */
class PolicyAndErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String REST;
    private static KafkaJobFixture kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaJobFixture.start("moments-policy-it");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void policiesSwapAtRuntimeInvalidOnesAreRefusedAndErasureReachesTheUser() throws Exception {
        int restPort = KafkaJobFixture.freePort();
        REST = "http://127.0.0.1:" + restPort;
        JobClient job = kafka.startJob(kafka.jobConfig(restPort), "moments-policy-it");
        // Event time near the wall clock, as in production: control records carry their append time.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = consumer()) {
            // 1. Under the starting policy.
            sendSession(producer, Shopper.session("p-first", t0.toString(), Shopper.FULL_CONSENT_TCF)
                    .page("pricing").after(20).act("contact_click").lines());
            heartbeat(producer, t0.plus(2, ChronoUnit.MINUTES));
            JsonNode first = await(consumer, "decisions", n -> n.get("sessionId").asText().equals("p-first"));
            assertThat(first.get("policyVersion").asText()).isEqualTo("default-v1");

            // 2. An invalid policy is refused with every problem named.
            String valid = Policy.defaultPolicy().json();
            producer.send(new ProducerRecord<>("policies", "moments", valid.replace("\"holdoutPercent\":10", "\"holdoutPercent\":150")
                    .replace("\"version\":\"default-v1\"", "\"version\":\"broken-v2\""))).get();
            JsonNode refused = await(consumer, "dead-letters", n -> n.get("reason").asText().equals("invalid_policy"));
            assertThat(refused.get("detail").asText()).contains("holdoutPercent must be an integer within 0..100");

            // 3. A valid new version applies to later moments, without a restart.
            producer.send(new ProducerRecord<>("policies", "moments", valid.replace("\"version\":\"default-v1\"", "\"version\":\"it-v3\"")
                    .replace("\"interventions\":[\"offer_pricing_help\",\"show_value\"]", "\"interventions\":[\"show_value\"]"))).get();
            await(consumer, "audit", n -> n.path("kind").asText().equals("policy") && n.path("policyVersion").asText().equals("it-v3"));
            Thread.sleep(2_000); // the broadcast reaches every subtask
            List<String> secondLines = Shopper.session("p-second", t0.plus(3, ChronoUnit.MINUTES).toString(), Shopper.FULL_CONSENT_TCF)
                    .page("pricing").after(20).act("contact_click").lines();
            sendSession(producer, secondLines);
            heartbeat(producer, t0.plus(5, ChronoUnit.MINUTES));
            JsonNode second = await(consumer, "decisions", n -> n.get("sessionId").asText().equals("p-second"));
            assertThat(second.get("policyVersion").asText()).isEqualTo("it-v3");
            // Treatment gets it; a held-out session records it as what it would have got.
            assertThat(second.get("action").get("intervention").asText()).isEqualTo("show_value");

            // 4. Two new patterns published mid-stream (a count and an absence): their triggers come after the switch, not before.
            sendSession(producer, browseAndStall("p-before", t0.plus(310, ChronoUnit.SECONDS)));
            List<JsonNode> before = decisionsUntil(consumer, "p-before", "pricing_contact");
            assertThat(before).flatMap(PolicyAndErasureIT::triggers).doesNotContain("compare_loop", "cart_stall");
            String withPatterns = valid.replace("\"version\":\"default-v1\"", "\"version\":\"it-v4\"")
                    .replace("\"patterns\":[", "\"patterns\":["
                            + "{\"id\":\"compare_loop\",\"within\":\"2m\",\"steps\":[{\"where\":{\"type\":\"page_view\",\"pageKind\":\"product\"},\"times\":4}]},"
                            + "{\"id\":\"cart_stall\",\"within\":\"20s\",\"steps\":[{\"where\":{\"type\":\"add_to_cart\"}}],"
                            + "\"notFollowedBy\":{\"where\":{\"type\":[\"checkout_step\",\"purchase\"]}}},")
                    .replace("{\"id\":\"fallback\"", "{\"id\":\"compare\",\"trigger\":\"compare_loop\",\"interventions\":[\"clarify_options\"]},"
                            + "{\"id\":\"stall\",\"trigger\":\"cart_stall\",\"interventions\":[\"reassure_checkout\"]},{\"id\":\"fallback\"");
            assertThat(Policy.parse(withPatterns).patterns()).hasSize(6);
            producer.send(new ProducerRecord<>("policies", "moments", withPatterns)).get();
            await(consumer, "audit", n -> n.path("kind").asText().equals("policy") && n.path("policyVersion").asText().equals("it-v4"));
            Thread.sleep(2_000); // the broadcast reaches every subtask
            sendSession(producer, browseAndStall("p-after", t0.plus(7, ChronoUnit.MINUTES)));
            List<JsonNode> after = decisionsUntil(consumer, "p-after", "pricing_contact");
            assertThat(after).flatMap(PolicyAndErasureIT::triggers).contains("compare_loop", "cart_stall", "pricing_contact");
            JsonNode stall = after.stream().filter(d -> triggers(d).contains("cart_stall")).findFirst().orElseThrow();
            assertThat(stall.get("policyVersion").asText()).isEqualTo("it-v4");
            assertThat(Instant.parse(stall.get("ts").asText())).as("an absence fires at its deadline")
                    .isEqualTo(t0.plus(7, ChronoUnit.MINUTES).plusSeconds(4 + 20));
            assertThat(stall.get("explanation").asText()).contains("cart_stall (add_to_cart with no checkout_step or purchase for 20s)");

            // 5. Erasure by user id reaches the user's session.
            List<String> userSession = new ArrayList<>();
            for (String line : Shopper.session("p-user", t0.plus(9, ChronoUnit.MINUTES).toString()).page("home").after(2)
                    .page("product").lines()) {
                userSession.add(line.replace("\"sessionId\":\"p-user\"", "\"sessionId\":\"p-user\",\"userId\":\"user-42\""));
            }
            sendSession(producer, userSession);
            heartbeat(producer, t0.plus(11, ChronoUnit.MINUTES));
            Thread.sleep(3_000); // erasure by user covers the sessions indexed before the request
            producer.send(new ProducerRecord<>("erasure-requests", "user-42",
                    "{\"schema\":\"erasure/v1\",\"requestId\":\"req-7\",\"userId\":\"user-42\"}")).get();
            JsonNode erased = await(consumer, "audit", n -> n.path("kind").asText().equals("erasure"));
            assertThat(erased.get("requestId").asText()).isEqualTo("req-7");
            assertThat(erased.get("sessionId").asText()).isEqualTo("p-user");
            assertThat(erased.get("byUser").asBoolean()).isTrue();
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Every record goes to partition 0, in event-time order, and partition 1 stays idle: so event
     * time only moves with the records sent. (With traffic on several partitions, a partition that
     * was idle and resumes with records older than the others' watermark would rightly see them
     * dead-lettered as late; that race is Flink's idleness at work, not what this test is about.)
     */
    private static void sendSession(KafkaProducer<String, String> producer, List<String> lines) throws Exception {
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            producer.send(new ProducerRecord<>("interactions", 0, n.get("sessionId").asText(), line)).get();
        }
    }

    /** Four product views (a compare loop), an add to cart left alone for 26 s (a cart stall), then pricing and contact. */
    private static List<String> browseAndStall(String sessionId, Instant start) {
        return Shopper.session(sessionId, start.toString(), Shopper.FULL_CONSENT_TCF).page("product").after(1)
                .page("product").after(1).page("product").after(1).page("product").after(1).act("add_to_cart", "sku-1")
                .after(26).page("pricing").after(5).act("contact_click").lines();
    }

    private static List<String> triggers(JsonNode decision) {
        List<String> out = new ArrayList<>();
        decision.get("triggers").forEach(t -> out.add(t.asText()));
        return out;
    }

    /** The session's decisions in order, up to the first with {@code lastTrigger} (they come in order per session). */
    private static List<JsonNode> decisionsUntil(KafkaConsumer<String, String> consumer, String sessionId, String lastTrigger)
            throws Exception {
        List<JsonNode> decisions = new ArrayList<>();
        await(consumer, "decisions", n -> {
            if (n.get("sessionId").asText().equals(sessionId)) {
                decisions.add(n);
                return triggers(n).contains(lastTrigger);
            }
            return false;
        });
        return decisions;
    }

    /** Moves event time on, as further traffic would. */
    private static void heartbeat(KafkaProducer<String, String> producer, Instant at) throws Exception {
        sendSession(producer, Shopper.session("clock-" + at.toEpochMilli(), at.toString()).page("home").lines());
    }

    private static JsonNode await(KafkaConsumer<String, String> consumer, String topic, Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                JsonNode n = JSON.readTree(r.value());
                if (r.topic().equals(topic) && match.test(n)) {
                    return n;
                }
                seen.add(r.topic() + ": " + r.value().substring(0, Math.min(160, r.value().length())));
            }
        }
        List<String> all = new ArrayList<>();
        try (KafkaConsumer<String, String> everything = consumer()) {
            for (int i = 0; i < 6; i++) {
                for (ConsumerRecord<String, String> r : everything.poll(Duration.ofMillis(500))) {
                    all.add(r.topic() + ": " + r.value().substring(0, Math.min(200, r.value().length())));
                }
            }
        }
        throw new AssertionError("nothing matching on " + topic + " within " + WAIT + "; saw " + seen + "\n" + watermarks()
                + "\nall committed:\n" + String.join("\n", all));
    }

    private static String watermarks() {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            JsonNode jobs = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(REST + "/jobs")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            String id = jobs.get("jobs").get(0).get("id").asText();
            JsonNode job = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(REST + "/jobs/" + id)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            StringBuilder sb = new StringBuilder();
            JsonNode cps = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(REST + "/jobs/" + id
                    + "/checkpoints")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            sb.append("checkpoints ").append(cps.get("counts")).append('\n');
            for (JsonNode v : job.get("vertices")) {
                String wm = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(REST + "/jobs/" + id + "/vertices/"
                        + v.get("id").asText() + "/watermarks")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                sb.append(v.get("name").asText(), 0, Math.min(50, v.get("name").asText().length())).append(' ')
                        .append(v.get("status").asText()).append(' ').append(wm).append('\n');
            }
            return sb.toString();
        } catch (Exception e) {
            return "no watermarks: " + e;
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("decisions", "dead-letters", "audit")) {
            for (int p = 0; p < 2; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }
}
