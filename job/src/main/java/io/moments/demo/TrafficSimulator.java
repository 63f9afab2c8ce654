package io.moments.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays shopper sessions into Kafka in real time: starts sessions at a steady rate from the persona
 * mix, sends each record when its event time comes, delays some records (out of order, within the
 * watermark bound) and sends a few twice (duplicates), as real trackers do. It also reads the
 * committed decisions, as a shop would, and after each session decides whether the shopper bought
 * ({@link ShopperResponse}): the outcomes that the lift report measures.
 */
public final class TrafficSimulator implements Runnable {

    private static final double OUT_OF_ORDER_SHARE = 0.08;
    private static final double DUPLICATE_SHARE = 0.02;
    /** Decisions reach a consumer about watermark bound + checkpoint interval after the moment. */
    private static final long OUTCOME_DELAY_MS = 40_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(long sendAt, String topic, String key, String json) {}

    private static final class Live {
        final Persona persona;
        final long endsAt;
        String intervention;

        Live(Persona persona, long endsAt) {
            this.persona = persona;
            this.endsAt = endsAt;
        }
    }

    private final String bootstrap;
    private final Map<String, String> topics;
    private final String decisionsTopic;
    private final double sessionsPerSecond;
    private final Random random;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong purchases = new AtomicLong();

    /** @param topics logical topic (interactions, text, outcomes) to configured topic name */
    public TrafficSimulator(String bootstrap, Map<String, String> topics, String decisionsTopic,
                            double sessionsPerSecond, long seed) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.decisionsTopic = decisionsTopic;
        this.sessionsPerSecond = sessionsPerSecond;
        this.random = new Random(seed);
    }

    public void stop() {
        stopped.set(true);
    }

    public long sessionsStarted() {
        return sessions.get();
    }

    public long recordsSent() {
        return records.get();
    }

    public long purchases() {
        return purchases.get();
    }

    @Override
    public void run() {
        PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> Long.compare(a.sendAt, b.sendAt));
        Map<String, Live> live = new HashMap<>();
        long intervalMs = Math.max(1, (long) (1000 / sessionsPerSecond));
        long nextSessionAt = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ACKS_CONFIG, "all"));
             KafkaConsumer<String, String> decisions = decisionConsumer()) {
            while (!stopped.get()) {
                long now = System.currentTimeMillis();
                while (nextSessionAt <= now) {
                    startSession(nextSessionAt, queue, live);
                    nextSessionAt += intervalMs;
                }
                while (!queue.isEmpty() && queue.peek().sendAt <= now) {
                    Pending p = queue.poll();
                    producer.send(new ProducerRecord<>(p.topic, p.key, p.json));
                    records.incrementAndGet();
                }
                readDecisions(decisions, live);
                settleEndedSessions(now, live, producer);
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startSession(long start, PriorityQueue<Pending> queue, Map<String, Live> live) {
        String sessionId = "s-" + Long.toHexString(random.nextLong() & 0xffffffffffL);
        Persona persona = Persona.pick(random);
        List<SessionScripts.TimedRecord> script = SessionScripts.session(persona, sessionId, start, random);
        for (SessionScripts.TimedRecord r : script) {
            long sendAt = r.ts();
            if (random.nextDouble() < OUT_OF_ORDER_SHARE) {
                sendAt += 500 + random.nextInt(3_500);
            }
            queue.add(new Pending(sendAt, topics.get(r.topic()), sessionId, r.json()));
            if (random.nextDouble() < DUPLICATE_SHARE) {
                queue.add(new Pending(sendAt + 1_000, topics.get(r.topic()), sessionId, r.json()));
            }
        }
        live.put(sessionId, new Live(persona, script.get(script.size() - 1).ts()));
        sessions.incrementAndGet();
    }

    private void readDecisions(KafkaConsumer<String, String> consumer, Map<String, Live> live) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ZERO)) {
            Live session = live.get(r.key());
            if (session == null) {
                continue;
            }
            try {
                JsonNode action = JSON.readTree(r.value()).path("action");
                if (action.path("type").asText().equals("intervention") && session.intervention == null) {
                    session.intervention = action.path("intervention").asText();
                }
            } catch (IOException e) {
                // not a decision we can read: the shopper simply sees nothing
            }
        }
    }

    private void settleEndedSessions(long now, Map<String, Live> live, KafkaProducer<String, String> producer) {
        List<String> done = new ArrayList<>();
        for (Iterator<Map.Entry<String, Live>> it = live.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Live> e = it.next();
            if (e.getValue().endsAt + OUTCOME_DELAY_MS <= now) {
                if (ShopperResponse.converts(e.getValue().persona, e.getValue().intervention, random)) {
                    SessionScripts.TimedRecord purchase = SessionScripts.purchase(e.getKey(), now, 20 + random.nextInt(180));
                    producer.send(new ProducerRecord<>(topics.get("outcomes"), e.getKey(), purchase.json()));
                    purchases.incrementAndGet();
                }
                done.add(e.getKey());
            }
        }
        done.forEach(live::remove);
    }

    private KafkaConsumer<String, String> decisionConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(decisionsTopic, Duration.ofSeconds(10))
                .forEach(p -> partitions.add(new TopicPartition(decisionsTopic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        return consumer;
    }
}
