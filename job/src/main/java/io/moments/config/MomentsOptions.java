package io.moments.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * Every Moments setting, read from the Flink {@code config.yaml} (flink-conf/) like Flink's own
 * options, and overridable with {@code --set key=value}. Kafka client properties (SASL, TLS) go
 * under {@code moments.kafka.properties.*} and are passed to every client unchanged; secrets come from
 * environment variables {@code MOMENTS_KAFKA_PROP_<KEY>} (dots as underscores).
 */
public final class MomentsOptions {

    private MomentsOptions() {}

    public static final String KAFKA_PROPERTIES_PREFIX = "moments.kafka.properties.";
    /** Environment variables with this prefix become Kafka client properties (for secrets). */
    public static final String KAFKA_PROPERTIES_ENV_PREFIX = "MOMENTS_KAFKA_PROP_";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("moments.kafka.bootstrap-servers")
            .stringType().defaultValue("127.0.0.1:9092").withDescription("Kafka bootstrap servers.");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("moments.kafka.group-id")
            .stringType().defaultValue("moments").withDescription("Consumer group of the input source.");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("moments.kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Kafka transaction timeout of the exactly-once sinks; must not exceed the broker's "
                    + "transaction.max.timeout.ms (15 min by default) and must exceed the checkpoint interval.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("moments.kafka.transactional-id-prefix")
            .stringType().defaultValue("moments").withDescription("Prefix of the sinks' transactional ids; unique per job.");

    public static final ConfigOption<String> DECISION_SOURCE = ConfigOptions.key("moments.decisions.source")
            .stringType().defaultValue("/moments")
            .withDescription("CloudEvents source (ce_source header) of decision records: a URI reference naming this "
                    + "deployment, e.g. /moments/eu-shop. Together with ce_id (the decisionId) it identifies a decision.");

    public static final ConfigOption<String> DECISION_DELIVERY = ConfigOptions.key("moments.decisions.delivery")
            .stringType().defaultValue("at-least-once")
            .withDescription("at-least-once: decisions are visible at once; after a failure a decision may be written "
                    + "again with the same decisionId and content (deduplicate by decisionId). exactly-once: decisions "
                    + "are written in Kafka transactions and visible to read_committed consumers when the checkpoint "
                    + "that covers them completes (latency: up to the checkpoint interval).");

    public static final ConfigOption<String> TOPIC_INTERACTIONS = topic("interactions");
    public static final ConfigOption<String> TOPIC_TEXT = topic("text");
    public static final ConfigOption<String> TOPIC_MEDIA = topic("media");
    public static final ConfigOption<String> TOPIC_OUTCOMES = topic("outcomes");
    public static final ConfigOption<String> TOPIC_DECISIONS = topic("decisions");
    public static final ConfigOption<String> TOPIC_POLICIES = ConfigOptions.key("moments.topics.policies")
            .stringType().defaultValue("policies").withDescription("Compacted topic of policy/v1 documents.");
    public static final ConfigOption<String> TOPIC_ERASURE = ConfigOptions.key("moments.topics.erasure-requests")
            .stringType().defaultValue("erasure-requests").withDescription("Topic of erasure/v1 requests.");
    public static final ConfigOption<String> TOPIC_AUDIT = topic("audit");
    public static final ConfigOption<String> TOPIC_INSIGHTS = ConfigOptions.key("moments.topics.insights")
            .stringType().defaultValue("insights")
            .withDescription("Topic of insight/v1 rows: friction, decisions, labels and conversions per page and step and window.");
    public static final ConfigOption<String> TOPIC_LIFT = ConfigOptions.key("moments.topics.lift-reports")
            .stringType().defaultValue("lift-reports").withDescription("Topic of lift/v1 report rows.");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = ConfigOptions.key("moments.topics.dead-letters")
            .stringType().defaultValue("dead-letters").withDescription("Topic of dead-letter/v1 records.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("moments.watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofMillis(250))
            .withDescription("How far the watermark trails the newest event. It only clocks absences (checkout "
                    + "pauses) and expiry: events are applied on arrival, and late ones still count up to "
                    + "moments.session.allowed-lateness.");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("moments.watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("A source partition silent this long stops holding back the watermark.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("moments.ingest.max-record-bytes")
            .intType().defaultValue(1_048_576).withDescription("Largest input record accepted.");
    public static final ConfigOption<Integer> MAX_MEDIA_BYTES = ConfigOptions.key("moments.ingest.max-media-bytes")
            .intType().defaultValue(524_288).withDescription("Largest decoded media payload accepted.");
    public static final ConfigOption<Integer> MAX_TEXT_CHARS = ConfigOptions.key("moments.ingest.max-text-chars")
            .intType().defaultValue(4_000).withDescription("Longest text message accepted.");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = ConfigOptions.key("moments.ingest.max-future-skew")
            .durationType().defaultValue(Duration.ofDays(1))
            .withDescription("Event times further ahead of the wall clock are rejected (they would stall the watermark).");

    public static final ConfigOption<Integer> DEAD_LETTER_RAW_BYTES = ConfigOptions.key("moments.dead-letters.max-raw-bytes")
            .intType().defaultValue(16_384)
            .withDescription("How many bytes of the original record a dead letter keeps (base64 in 'raw'); the rest is "
                    + "cut and 'rawTruncated' set.");

    public static final ConfigOption<Duration> DEDUPE_TTL = ConfigOptions.key("moments.dedupe.ttl")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("An eventId is remembered, to drop its repeats, until its session has an event this much "
                    + "event time newer.");
    public static final ConfigOption<Duration> SESSION_IDLE = ConfigOptions.key("moments.session.idle-timeout")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("Event-time inactivity after which a session's state is dropped.");
    public static final ConfigOption<Duration> SESSION_STATE_TTL = ConfigOptions.key("moments.session.state-ttl")
            .durationType().defaultValue(Duration.ofHours(6))
            .withDescription("Processing-time TTL backing up the idle timeout (bounds state if event time stalls).");

    public static final ConfigOption<Integer> SESSION_STATE_CACHE = ConfigOptions.key("moments.session.state-cache")
            .intType().defaultValue(10_000)
            .withDescription("Session states each session-stage instance keeps on its heap: an active session's next event "
                    + "skips reading its state, and its changes are written to the state backend once, before the "
                    + "next checkpoint barrier (or when the state is pushed out), not on every event. 0 turns it off.");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = ConfigOptions.key("moments.session.allowed-lateness")
            .durationType().noDefaultValue()
            .withDescription("An event this far behind the watermark is still applied to its session; later ones are "
                    + "dead-lettered as late. Default: the session idle timeout.");
    public static final ConfigOption<Duration> REORDER_HORIZON = ConfigOptions.key("moments.session.reorder-horizon")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("An interaction up to this far behind its session's latest one is placed where it "
                    + "happened for the friction patterns (labels take every event).");
    public static final ConfigOption<Duration> LATE_GRACE = ConfigOptions.key("moments.session.late-grace")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("Watermark progress a session whose events arrive behind the watermark gets to deliver "
                    + "the rest of its batch before a checkout pause is judged by the watermark.");

    /** Friction thresholds were settings before patterns became policy data; a key left in a config is refused. */
    public static final String RETIRED_FRICTION_PREFIX = "moments.friction.";

    public static final ConfigOption<Duration> LABEL_HALF_LIFE = ConfigOptions.key("moments.labels.half-life")
            .durationType().defaultValue(Duration.ofSeconds(90)).withDescription("Event-time half-life of label smoothing.");
    public static final ConfigOption<Duration> LABEL_DWELL = ConfigOptions.key("moments.labels.dwell")
            .durationType().defaultValue(Duration.ofSeconds(20)).withDescription("Dwell that reads as hesitation.");

    public static final ConfigOption<String> LABEL_WEIGHTS = ConfigOptions.key("moments.labels.weights")
            .stringType().noDefaultValue()
            .withDescription("A label-weights/v1 JSON file (contracts/label-weights.v1.schema.json) with the magnitudes "
                    + "of the behaviour impulses, e.g. as ./moments labels fit writes it; impulses it does not name keep "
                    + "their hand-set magnitude. Default: the hand-set magnitudes of docs/labels.md. Read when the job "
                    + "is built; an unreadable or invalid file stops it.");

    public static final ConfigOption<Boolean> INFERENCE_TEXT = ConfigOptions.key("moments.inference.text")
            .booleanType().defaultValue(true).withDescription("Score text messages with the text emotion model.");
    public static final ConfigOption<Integer> INFERENCE_TEXT_CACHE_ENTRIES =
            ConfigOptions.key("moments.inference.text-cache-entries").intType().defaultValue(10_000)
                    .withDescription("Texts whose signal each text model instance remembers, least recently used "
                            + "first out (search queries repeat; keys are 128-bit text digests, no text is kept, "
                            + "about 200 bytes an entry). 0 turns the cache off.");
    public static final ConfigOption<Boolean> INFERENCE_FACE = ConfigOptions.key("moments.inference.face")
            .booleanType().defaultValue(true).withDescription("Score consented camera frames with the face models.");
    public static final ConfigOption<Boolean> INFERENCE_VOICE = ConfigOptions.key("moments.inference.voice")
            .booleanType().defaultValue(true).withDescription("Score consented voice chunks with the voice models.");
    public static final ConfigOption<Integer> INFERENCE_MAX_BATCH = ConfigOptions.key("moments.inference.max-batch")
            .intType().defaultValue(16).withDescription("Largest micro-batch per model.");
    public static final ConfigOption<Duration> INFERENCE_MAX_WAIT = ConfigOptions.key("moments.inference.max-wait")
            .durationType().defaultValue(Duration.ofMillis(50))
            .withDescription("Longest an item waits for its micro-batch to fill.");

    public static final ConfigOption<String> POLICY_FILE = ConfigOptions.key("moments.policy.file")
            .stringType().noDefaultValue()
            .withDescription("A policy/v1 JSON file used until the policy topic supplies one; "
                    + "default: the shipped policies/default-policy.json.");
    public static final ConfigOption<Duration> INSIGHTS_WINDOW = ConfigOptions.key("moments.insights.window")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Size of the tumbling event-time windows of insights per page and step. Late events "
                    + "update their window within the session's allowed lateness.");
    public static final ConfigOption<Duration> LABEL_SAMPLE_INTERVAL = ConfigOptions.key("moments.labels.sample-interval")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("Each session's labels go to the labels topic (label/v1) at most once per this much of its "
                    + "event time, for trajectories between decisions; 0 turns the samples off.");
    public static final ConfigOption<String> TOPIC_LABELS = ConfigOptions.key("moments.topics.labels")
            .stringType().defaultValue("labels")
            .withDescription("Topic of label/v1 samples: each session's continuous labels over time (internal, never for ad servers).");
    public static final ConfigOption<Integer> INSIGHTS_MAX_KEYS = ConfigOptions.key("moments.insights.max-keys")
            .intType().defaultValue(200)
            .withDescription("Pages (and steps) reported per window and dimension; later ones are folded into one 'other' row.");

    public static final ConfigOption<Duration> LIFT_REPORT_INTERVAL = ConfigOptions.key("moments.lift.report-interval")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Event-time interval between lift report rows per slice.");

    private static ConfigOption<String> topic(String name) {
        return ConfigOptions.key("moments.topics." + name).stringType().defaultValue(name)
                .withDescription("Topic of " + name + " records.");
    }
}
