package io.moments.fault;

import io.moments.testing.Shopper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed, seeded input for the fault and backpressure tests: scripted sessions that hit every
 * friction pattern (abandoned checkouts, pricing then contact, form-error loops, rage clicks) and
 * buyers who do not, with mixed consent, plus exact duplicates and truncated records. Event time
 * runs 1:1 with the send schedule, so a fault at second n of the run hits sessions in mid-flight.
 * The same records, in the order they are sent, are the input of the reference replay.
 */
final class FixedTraffic {

    /** One record to send {@code atMs} after the start, to {@code partition} when not null. */
    record Send(long atMs, String key, Integer partition, String line) {}

    private final List<Send> sends;
    private final Map<String, Long> sessionStart;

    private FixedTraffic(List<Send> sends, Map<String, Long> sessionStart) {
        this.sends = sends;
        this.sessionStart = sessionStart;
    }

    /**
     * {@code sessions} sessions starting evenly over {@code spanMs}, then one clock record on each of
     * the two interaction partitions three minutes of event time later, so the watermark passes every
     * pending pattern (an abandoned checkout is only known after 30 s of silence).
     */
    static FixedTraffic generate(Instant t0, int sessions, long spanMs, long seed) {
        Random random = new Random(seed);
        List<Send> sends = new ArrayList<>();
        Map<String, Long> starts = new HashMap<>();
        for (int i = 0; i < sessions; i++) {
            long offset = i * spanMs / sessions + random.nextInt(200);
            String id = "fx-" + i;
            String start = t0.plusMillis(offset).toString();
            Shopper s = switch (i % 7) {
                case 0 -> Shopper.session(id, start); // no consent signal: not personalized
                case 1 -> Shopper.session(id, start, Shopper.FULL_CONSENT_TCF).withGpc();
                default -> Shopper.session(id, start, Shopper.FULL_CONSENT_TCF);
            };
            switch (i % 5) {
                case 0 -> s.page("cart").after(3).step(1).after(4).page("product");
                case 1 -> s.page("pricing").after(8).page("product").after(6).act("chat_open");
                case 2 -> s.step(1).after(2).act("form_error").after(2).act("form_error").after(2).act("form_error");
                case 3 -> s.page("product").after(2).act("click", "pay").after(0.4).act("click", "pay")
                        .after(0.4).act("click", "pay").after(0.4).act("click", "pay");
                default -> s.page("product").after(3).act("add_to_cart").after(2).step(1).after(4).step(2)
                        .after(4).act("purchase");
            }
            starts.put(id, t0.plusMillis(offset).toEpochMilli());
            for (String line : s.lines()) {
                sends.add(new Send(tsOf(line) - t0.toEpochMilli(), id, null, line));
            }
            if (i % 20 == 7) { // a redelivered record, 3 s after the original
                String first = s.lines().get(0);
                sends.add(new Send(tsOf(first) - t0.toEpochMilli() + 3_000, id, null, first));
            }
            if (i % 40 == 11) { // a producer crash mid-write
                String first = s.lines().get(0);
                sends.add(new Send(offset + 1, id, null, first.substring(0, first.length() / 2)));
            }
        }
        sends.sort(Comparator.comparingLong(Send::atMs));
        long end = sends.get(sends.size() - 1).atMs();
        for (int partition = 0; partition < 2; partition++) {
            String clock = Shopper.session("fx-clock-" + partition, t0.plusMillis(end + 180_000).toString())
                    .page("home").lines().get(0);
            sends.add(new Send(end + 1, "fx-clock-" + partition, partition, clock));
        }
        return new FixedTraffic(List.copyOf(sends), Map.copyOf(starts));
    }

    List<Send> sends() {
        return sends;
    }

    long durationMs() {
        return sends.get(sends.size() - 1).atMs();
    }

    /** Event time of the session's first record. */
    long sessionStart(String sessionId) {
        return sessionStart.getOrDefault(sessionId, Long.MAX_VALUE);
    }

    /** The records in send order: the reference replay's input. */
    void writeReplayFile(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Send send : sends) {
            out.append(send.line()).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /**
     * Sends every record to the interactions topic, on schedule (relative to the call) or, unpaced, as
     * fast as the broker takes them; idempotently and with retries, so a broker restart delays records
     * but neither drops nor doubles them.
     */
    void send(String bootstrapServers, String topic, boolean paced) throws InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            AtomicReference<Exception> failed = new AtomicReference<>();
            long start = System.nanoTime();
            for (Send send : sends) {
                long waitMs = send.atMs() - (System.nanoTime() - start) / 1_000_000;
                if (paced && waitMs > 0) {
                    Thread.sleep(waitMs);
                }
                producer.send(new ProducerRecord<>(topic, send.partition(), send.key(), send.line()), (meta, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("a record was not delivered", failed.get());
            }
        }
    }

    /** {@link #send} on schedule from another thread, starting now; the future completes when all are sent. */
    CompletableFuture<Void> sendOnSchedule(String bootstrapServers, String topic) {
        return CompletableFuture.runAsync(() -> {
            try {
                send(bootstrapServers, topic, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static long tsOf(String line) {
        int at = line.indexOf("\"ts\":\"") + 6;
        return Instant.parse(line.substring(at, line.indexOf('"', at))).toEpochMilli();
    }
}
