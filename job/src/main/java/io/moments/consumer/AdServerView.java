package io.moments.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.moments.sink.DecisionEvents;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ad server does with one decision record read from Kafka, as the integration starting
 * point: take only CloudEvents of the decision type, drop a decision seen before (same {@code ce_id},
 * which at-least-once delivery may repeat after a failure), drop one past its {@code expiresAt}, and
 * otherwise apply its {@code targeting} — or the ad server's own default when there is none (no
 * consent to personalize, or a holdout session). Nothing else of the record is used: labels and
 * explanations are for the CMS and analysts, never for the ad server.
 */
public final class AdServerView {

    /** What to do with a record. */
    public enum Verdict { APPLY, DEFAULT, EXPIRED, DUPLICATE, NOT_A_DECISION }

    /**
     * @param custParams the key-values for the ad tag (APPLY only)
     * @param remaining  time left before the decision expires (APPLY and DEFAULT)
     */
    public record Outcome(Verdict verdict, String decisionId, String sessionId, String custParams, Duration remaining,
                          String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Map<String, Boolean> seen;

    /** @param remember how many decision ids to remember for deduplication (the oldest are forgotten first) */
    public AdServerView(Clock clock, int remember) {
        this.clock = clock;
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remember;
            }
        };
    }

    public Outcome judge(String key, CloudEvent event) {
        if (event == null || !DecisionEvents.TYPE.equals(event.getType()) || event.getData() == null) {
            return new Outcome(Verdict.NOT_A_DECISION, event == null ? null : event.getId(), key, null, null,
                    event == null ? "no CloudEvent headers" : "type " + event.getType());
        }
        if (seen.putIfAbsent(event.getId(), Boolean.TRUE) != null) {
            return new Outcome(Verdict.DUPLICATE, event.getId(), key, null, null, "already handled");
        }
        JsonNode decision;
        try {
            decision = JSON.readTree(event.getData().toBytes());
        } catch (IOException e) {
            return new Outcome(Verdict.NOT_A_DECISION, event.getId(), key, null, null, "data is not JSON");
        }
        Instant expiresAt = decision.hasNonNull("expiresAt") ? Instant.parse(decision.get("expiresAt").asText())
                : Instant.parse(decision.path("ts").asText()); // a record from before expiresAt existed: stale at once
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        if (remaining.isNegative() || remaining.isZero()) {
            return new Outcome(Verdict.EXPIRED, event.getId(), key, null, remaining, "expired " + expiresAt);
        }
        JsonNode targeting = decision.path("targeting");
        if (targeting.isMissingNode()) {
            return new Outcome(Verdict.DEFAULT, event.getId(), key, null, remaining,
                    decision.path("group").asText().equals("holdout") ? "holdout" : "not personalized");
        }
        return new Outcome(Verdict.APPLY, event.getId(), key, targeting.path("custParams").asText(), remaining,
                decision.path("action").path("type").asText());
    }
}
