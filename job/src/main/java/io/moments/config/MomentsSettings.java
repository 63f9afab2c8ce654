package io.moments.config;

import io.moments.decide.PolicySettings;
import io.moments.friction.FrictionSettings;
import io.moments.ingest.IngestLimits;
import io.moments.labels.LabelSettings;
import org.apache.flink.configuration.Configuration;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.moments.config.MomentsOptions.*;

/** All settings of one job run, resolved from a Flink {@link Configuration}. */
public record MomentsSettings(
        Kafka kafka, Duration outOfOrderness, Duration idleness, IngestLimits limits, Duration dedupeTtl,
        Duration sessionIdle, Duration sessionStateTtl, FrictionSettings friction, LabelSettings labels,
        PolicySettings policy) implements Serializable {

    /** Where the job reads and writes in Kafka. {@code properties} go to every client (SASL, TLS). */
    public record Kafka(String bootstrapServers, String groupId, String interactions, String text, String media,
                        String outcomes, String decisions, String deadLetters, Duration transactionTimeout,
                        String transactionalIdPrefix, Properties properties) implements Serializable {}

    public static MomentsSettings from(Configuration c) {
        Properties clientProps = new Properties();
        for (Map.Entry<String, String> e : c.toMap().entrySet()) {
            if (e.getKey().startsWith(KAFKA_PROPERTIES_PREFIX)) {
                clientProps.setProperty(e.getKey().substring(KAFKA_PROPERTIES_PREFIX.length()), e.getValue());
            }
        }
        Kafka kafka = new Kafka(c.get(BOOTSTRAP_SERVERS), c.get(GROUP_ID), c.get(TOPIC_INTERACTIONS), c.get(TOPIC_TEXT),
                c.get(TOPIC_MEDIA), c.get(TOPIC_OUTCOMES), c.get(TOPIC_DECISIONS), c.get(TOPIC_DEAD_LETTERS),
                c.get(TRANSACTION_TIMEOUT), c.get(TRANSACTIONAL_ID_PREFIX), clientProps);
        IngestLimits limits = new IngestLimits(c.get(MAX_RECORD_BYTES), c.get(MAX_MEDIA_BYTES), c.get(MAX_TEXT_CHARS),
                c.get(MAX_FUTURE_SKEW).toMillis(), IngestLimits.DEFAULTS.minTs(), IngestLimits.DEFAULTS.deadLetterRawCap());
        FrictionSettings friction = new FrictionSettings(c.get(CHECKOUT_PAUSE), c.get(PRICING_CONTACT_WITHIN),
                c.get(RAGE_CLICKS), c.get(RAGE_CLICK_WITHIN), c.get(FORM_ERRORS), c.get(FORM_ERROR_WITHIN));
        LabelSettings labels = new LabelSettings(c.get(LABEL_HALF_LIFE), c.get(LABEL_THRESHOLD),
                c.get(LABEL_REARM_BELOW), c.get(LABEL_DWELL));
        PolicySettings policy = new PolicySettings(c.get(POLICY_VERSION), c.get(HOLDOUT_PERCENT), c.get(MAX_ACTS),
                c.get(CAP_WINDOW), c.get(COOLDOWN), c.get(HIGH_LABEL), c.get(MIN_CONFIDENCE));
        validate(friction, labels, policy);
        return new MomentsSettings(kafka, c.get(OUT_OF_ORDERNESS), c.get(IDLENESS), limits, c.get(DEDUPE_TTL),
                c.get(SESSION_IDLE), c.get(SESSION_STATE_TTL), friction, labels, policy);
    }

    private static void validate(FrictionSettings f, LabelSettings l, PolicySettings p) {
        require(f.rageClicks() >= 3, "moments.friction.rage-clicks must be >= 3");
        require(f.formErrors() >= 2, "moments.friction.form-errors must be >= 2");
        require(l.threshold() > l.rearmBelow() && l.threshold() <= 1 && l.rearmBelow() >= 0,
                "moments.labels: need 0 <= rearm-below < threshold <= 1");
        require(p.holdoutPercent() >= 0 && p.holdoutPercent() <= 100, "moments.policy.holdout-percent must be 0..100");
        require(p.maxActs() >= 1, "moments.policy.max-acts must be >= 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
