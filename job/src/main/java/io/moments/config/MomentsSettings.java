package io.moments.config;

import org.apache.flink.configuration.Configuration;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.moments.config.MomentsOptions.*;

/**
 * All settings of one job run, resolved from a Flink {@link Configuration}: every value comes from a
 * {@link MomentsOptions} option, whose default is the only default.
 *
 * @param policyFile the policy/v1 file the job starts with, or null for the shipped default; read and
 *                   validated when the job is built ({@code io.moments.decide.InitialPolicy})
 */
public record MomentsSettings(
        Kafka kafka, Duration outOfOrderness, Duration idleness, IngestLimits limits,
        Session session, LabelSettings labels,
        String policyFile, Duration liftReportInterval, Inference inference, Insights insights) implements Serializable {

    /**
     * Analytics outputs: the insight windows (size, pages or steps per window) and the interval of
     * each session's label samples (zero: none).
     */
    public record Insights(Duration window, int maxKeys, Duration labelSampleInterval) implements Serializable {}

    /** Which models run in the job, how they batch, and how many text signals the text model remembers. */
    public record Inference(boolean text, boolean face, boolean voice, int maxBatch, Duration maxWait,
                            int textCacheEntries) implements Serializable {}

    /**
     * The session stage's clocks: idle expiry and its processing-time backup, how late an event may
     * still count, how far back within a session an out-of-order interaction is still placed where it
     * happened, and how much watermark progress a session arriving behind the watermark gets before
     * its checkout pause is judged by the watermark; for how much event time an event id is
     * remembered to drop its repeats; and how many written session states an instance keeps at hand.
     */
    public record Session(Duration idle, Duration stateTtl, Duration allowedLateness, Duration reorderHorizon,
                          Duration lateGrace, Duration dedupeWindow, int stateCache) implements Serializable {}

    /** How decisions reach Kafka: in checkpoint-committed transactions, or at once with idempotent ids. */
    public enum Delivery {
        EXACTLY_ONCE("exactly-once"), AT_LEAST_ONCE("at-least-once");

        private final String wireName;

        Delivery(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Delivery parse(String value) {
            for (Delivery d : values()) {
                if (d.wireName.equals(value)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("moments.decisions.delivery must be exactly-once or at-least-once, not "
                    + value);
        }
    }

    /** Where the job reads and writes in Kafka. {@code properties} go to every client (SASL, TLS). */
    public record Kafka(String bootstrapServers, String groupId, String interactions, String text, String media,
                        String outcomes, String policies, String erasureRequests, String decisions,
                        String deadLetters, String audit, String liftReports, String insights, String labels,
                        Duration transactionTimeout,
                        String transactionalIdPrefix, Delivery decisionDelivery, URI decisionSource, Properties properties)
            implements Serializable {

        /** Every topic the job reads or writes. */
        public String[] allTopics() {
            return new String[]{interactions, text, media, outcomes, policies, erasureRequests, decisions, deadLetters,
                    audit, liftReports, insights, labels};
        }
    }

    private static URI decisionSource(String source) {
        try {
            URI uri = new URI(source);
            if (source.isBlank()) {
                throw new URISyntaxException(source, "empty");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(DECISION_SOURCE.key() + " must be a URI reference such as /moments/eu-shop, not '"
                    + source + "'", e);
        }
    }

    public static MomentsSettings from(Configuration c) {
        Properties clientProps = new Properties();
        for (Map.Entry<String, String> e : c.toMap().entrySet()) {
            if (e.getKey().startsWith(KAFKA_PROPERTIES_PREFIX)) {
                clientProps.setProperty(e.getKey().substring(KAFKA_PROPERTIES_PREFIX.length()), e.getValue());
            }
        }
        // Secrets (SASL passwords, truststore passwords) arrive as environment variables, never in config files:
        // MOMENTS_KAFKA_PROP_SASL_JAAS_CONFIG -> sasl.jaas.config
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith(KAFKA_PROPERTIES_ENV_PREFIX)) {
                clientProps.setProperty(e.getKey().substring(KAFKA_PROPERTIES_ENV_PREFIX.length())
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '.'), e.getValue());
            }
        }
        Kafka kafka = new Kafka(c.get(BOOTSTRAP_SERVERS), c.get(GROUP_ID), c.get(TOPIC_INTERACTIONS), c.get(TOPIC_TEXT),
                c.get(TOPIC_MEDIA), c.get(TOPIC_OUTCOMES), c.get(TOPIC_POLICIES), c.get(TOPIC_ERASURE),
                c.get(TOPIC_DECISIONS), c.get(TOPIC_DEAD_LETTERS), c.get(TOPIC_AUDIT), c.get(TOPIC_LIFT),
                c.get(TOPIC_INSIGHTS), c.get(TOPIC_LABELS), c.get(TRANSACTION_TIMEOUT), c.get(TRANSACTIONAL_ID_PREFIX), Delivery.parse(c.get(DECISION_DELIVERY)),
                decisionSource(c.get(DECISION_SOURCE)), clientProps);
        IngestLimits limits = IngestLimits.from(c);
        for (String key : c.keySet()) {
            require(!key.startsWith(RETIRED_FRICTION_PREFIX), key + " is no longer a setting: friction patterns are "
                    + "policy data now (\"patterns\" in policy/v1, see docs/decisions.md); remove the key and publish "
                    + "a policy with the pattern changed");
        }
        LabelSettings labels = LabelSettings.from(c);
        Session session = new Session(c.get(SESSION_IDLE), c.get(SESSION_STATE_TTL),
                c.getOptional(ALLOWED_LATENESS).orElse(c.get(SESSION_IDLE)), c.get(REORDER_HORIZON), c.get(LATE_GRACE),
                c.get(DEDUPE_TTL), c.get(SESSION_STATE_CACHE));
        require(session.stateCache() >= 0, "moments.session.state-cache must be 0 (off) or more");
        require(!session.lateGrace().isNegative() && !session.lateGrace().isZero(),
                "moments.session.late-grace must be positive");
        return new MomentsSettings(kafka, c.get(OUT_OF_ORDERNESS), c.get(IDLENESS), limits, session, labels,
                c.getOptional(POLICY_FILE).orElse(null), c.get(LIFT_REPORT_INTERVAL),
                inference(c),
                insights(c.get(INSIGHTS_WINDOW), c.get(INSIGHTS_MAX_KEYS), c.get(LABEL_SAMPLE_INTERVAL)));
    }

    private static Inference inference(Configuration c) {
        int cache = c.get(INFERENCE_TEXT_CACHE_ENTRIES);
        require(cache >= 0, "moments.inference.text-cache-entries must be 0 (off) or positive");
        return new Inference(c.get(INFERENCE_TEXT), c.get(INFERENCE_FACE), c.get(INFERENCE_VOICE),
                c.get(INFERENCE_MAX_BATCH), c.get(INFERENCE_MAX_WAIT), cache);
    }

    private static Insights insights(Duration window, int maxKeys, Duration labelSamples) {
        require(window.toMillis() >= 1_000, "moments.insights.window must be at least 1 s");
        require(maxKeys >= 1, "moments.insights.max-keys must be at least 1");
        require(!labelSamples.isNegative(), "moments.labels.sample-interval must be 0 (off) or positive");
        return new Insights(window, maxKeys, labelSamples);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
