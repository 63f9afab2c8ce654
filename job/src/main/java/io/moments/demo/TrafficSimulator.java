package io.moments.demo;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays shopper sessions into Kafka in real time: starts sessions at a steady rate from the persona
 * mix, sends each record when its event time comes, delays some records (out of order, within the
 * watermark bound) and sends a few twice (duplicates), as real trackers do.
 */
public final class TrafficSimulator implements Runnable {

    private static final double OUT_OF_ORDER_SHARE = 0.08;
    private static final double DUPLICATE_SHARE = 0.02;

    private record Pending(long sendAt, String topic, String key, String json) {}

    private final String bootstrap;
    private final Map<String, String> topics;
    private final double sessionsPerSecond;
    private final Random random;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    /** @param topics logical topic (interactions, text, outcomes) to configured topic name */
    public TrafficSimulator(String bootstrap, Map<String, String> topics, double sessionsPerSecond, long seed) {
        this.bootstrap = bootstrap;
        this.topics = topics;
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

    @Override
    public void run() {
        PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> Long.compare(a.sendAt, b.sendAt));
        long intervalMs = Math.max(1, (long) (1000 / sessionsPerSecond));
        long nextSessionAt = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ACKS_CONFIG, "all"))) {
            while (!stopped.get()) {
                long now = System.currentTimeMillis();
                while (nextSessionAt <= now) {
                    String sessionId = "s-" + Long.toHexString(random.nextLong() & 0xffffffffffL);
                    for (SessionScripts.TimedRecord r : SessionScripts.session(Persona.pick(random), sessionId, nextSessionAt, random)) {
                        long sendAt = r.ts();
                        if (random.nextDouble() < OUT_OF_ORDER_SHARE) {
                            sendAt += 500 + random.nextInt(3_500);
                        }
                        queue.add(new Pending(sendAt, topics.get(r.topic()), sessionId, r.json()));
                        if (random.nextDouble() < DUPLICATE_SHARE) {
                            queue.add(new Pending(sendAt + 1_000, topics.get(r.topic()), sessionId, r.json()));
                        }
                    }
                    sessions.incrementAndGet();
                    nextSessionAt += intervalMs;
                }
                while (!queue.isEmpty() && queue.peek().sendAt <= now) {
                    Pending p = queue.poll();
                    producer.send(new ProducerRecord<>(p.topic, p.key, p.json));
                    records.incrementAndGet();
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
