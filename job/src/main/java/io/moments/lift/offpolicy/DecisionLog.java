package io.moments.lift.offpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.IngestLimits;
import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.decide.SessionOutcome;
import io.moments.ingest.EventParser;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.FunnelStage;
import io.moments.labels.Moment;
import io.moments.models.LabelScores;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The logged side of an estimate, read from one JSON-lines file in any order: {@code decision/v1}
 * lines, their {@code audit/v1} records (which carry what deciding again needs: the per-modality
 * signals, the conflicting labels and the consent verdict) and the session events; of those, the
 * conversions count ({@link SessionOutcome#conversionValue}, parsed as the job parses them),
 * everything else is ignored. Unreadable: lines that are not JSON, decision or audit lines without a
 * field they must have, and interaction or outcome lines the job would dead-letter. A session is
 * known by its first decision (the earliest; a repeated decision id counts once), as in the lift
 * report.
 */
public final class DecisionLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One logged decision: the fields of its decision/v1 line that deciding again and weighing need. */
    public record Logged(String decisionId, String sessionId, long ts, long emittedAt, FunnelStage stage, Moment moment,
                         LabelScores labels, LabelScores labelConfidence, LabelScores momentum, List<String> triggers,
                         String rule, String group, String actionType, String intervention, Double propensity,
                         String policyVersion) {

        /** The action as weighed: the intervention acted on, or {@code none}. */
        public String action() {
            return "intervention".equals(actionType) ? intervention : "none";
        }

        public boolean heldOut() {
            return Decision.HOLDOUT.equals(group);
        }
    }

    /**
     * What a decision's audit/v1 record adds. {@code conflictingLabels} and {@code personalizationAllowed}
     * are null in records of releases before they were written.
     */
    public record Audit(String decisionId, List<String> triggerDetails, LabelScores behaviour, LabelScores text,
                        LabelScores face, LabelScores voice, String[] conflictingLabels, Boolean personalizationAllowed,
                        String consentJurisdiction, String consentSignal, String consentBasis, List<String> allowed,
                        String chosen, String chooser) {

        /** Whether this record carries everything deciding again needs. */
        public boolean complete() {
            return conflictingLabels != null && personalizationAllowed != null;
        }
    }

    /** A session: its first decision, that decision's audit (null if not in the log), its conversions' event times. */
    public record Session(Logged first, Audit audit, List<Long> conversions) {

        /** Whether a conversion is attributed to the first decision, as the job attributes it. */
        public boolean converted(long attributionWindowMs) {
            for (long at : conversions) {
                if (at > first.ts() && SessionOutcome.attributed(first.ts(), at, attributionWindowMs)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What the file held. */
    public record Counts(long lines, long decisions, long audits, long conversions, long ignored, long unreadable) {}

    private final Map<String, Session> sessions;
    private final Counts counts;

    private DecisionLog(Map<String, Session> sessions, Counts counts) {
        this.sessions = sessions;
        this.counts = counts;
    }

    /** Sessions by id, in id order. */
    public Map<String, Session> sessions() {
        return sessions;
    }

    public Counts counts() {
        return counts;
    }

    public static DecisionLog read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in.lines().toList());
        }
    }

    public static DecisionLog read(List<String> lines) {
        EventParser parser = new EventParser(IngestLimits.DEFAULTS);
        Map<String, Logged> first = new HashMap<>();
        Map<String, Audit> audits = new HashMap<>();
        Map<String, List<Long>> conversions = new HashMap<>();
        long decisions = 0;
        long auditLines = 0;
        long converted = 0;
        long ignored = 0;
        long unreadable = 0;
        long now = System.currentTimeMillis();
        for (String line : lines) {
            if (line.isBlank()) {
                ignored++;
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(line);
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            String schema = root == null ? null : root.path("schema").asText(null);
            try {
                if (Decision.SCHEMA.equals(schema)) {
                    Logged d = logged(root);
                    decisions++;
                    first.merge(d.sessionId(), d, (a, b) -> b.ts() < a.ts() ? b : a);
                } else if (AuditRecord.SCHEMA.equals(schema)) {
                    if ("decision".equals(root.path("kind").asText())) {
                        Audit a = audit(root);
                        audits.put(a.decisionId(), a);
                        auditLines++;
                    } else {
                        ignored++;
                    }
                } else if (ShopperEvent.INTERACTION.equals(schema) || ShopperEvent.OUTCOME.equals(schema)) {
                    // parsed as the job parses them: what it would dead-letter does not count here either
                    ParsedRecord r = parser.parse(line.getBytes(StandardCharsets.UTF_8), "outcomes", false, now);
                    if (r.isValid() && !Double.isNaN(SessionOutcome.conversionValue(r.event()))) {
                        conversions.computeIfAbsent(r.event().sessionId(), k -> new ArrayList<>()).add(r.event().ts());
                        converted++;
                    } else if (r.isValid()) {
                        ignored++;
                    } else {
                        unreadable++;
                    }
                } else {
                    ignored++; // text, media, the job's other outputs: no conversion among them
                }
            } catch (RuntimeException e) {
                unreadable++; // a decision or audit line without a field it must have
            }
        }
        Map<String, Session> sessions = new TreeMap<>();
        first.forEach((id, d) -> sessions.put(id, new Session(d, audits.get(d.decisionId()),
                conversions.getOrDefault(id, List.of()).stream().sorted().toList())));
        return new DecisionLog(sessions,
                new Counts(lines.size(), decisions, auditLines, converted, ignored, unreadable));
    }

    private static Logged logged(JsonNode n) {
        JsonNode action = required(n, "action");
        JsonNode propensity = n.get("propensity");
        List<String> triggers = strings(required(n, "triggers"));
        return new Logged(text(n, "decisionId"), text(n, "sessionId"), instant(n, "ts"),
                n.has("emittedAt") ? instant(n, "emittedAt") : instant(n, "ts"),
                FunnelStage.valueOf(text(n, "stage").toUpperCase(Locale.ROOT)),
                Moment.valueOf(text(n, "moment").toUpperCase(Locale.ROOT)),
                labels(required(n, "labels")), labels(n.path("labelConfidence")), labels(n.path("momentum")),
                triggers, n.path("rule").asText(""), text(n, "group"), text(action, "type"),
                action.path("intervention").isTextual() ? action.get("intervention").asText() : null,
                propensity != null && propensity.isNumber() ? propensity.asDouble() : null, text(n, "policyVersion"));
    }

    private static Audit audit(JsonNode n) {
        JsonNode signals = n.path("signals");
        JsonNode conflicting = n.get("conflictingLabels");
        JsonNode allowed = n.get("personalizationAllowed");
        return new Audit(text(n, "decisionId"), strings(n.path("triggerDetails")), labels(signals.path("behaviour")),
                labels(signals.path("text")), labels(signals.path("face")), labels(signals.path("voice")),
                conflicting == null || !conflicting.isArray() ? null : strings(conflicting).toArray(String[]::new),
                allowed == null || !allowed.isBoolean() ? null : allowed.asBoolean(),
                n.path("consentJurisdiction").asText(""), n.path("consentSignal").asText(""),
                n.path("consentBasis").asText(""), strings(n.path("allowed")), text(n, "chosen"), text(n, "chooser"));
    }

    private static LabelScores labels(JsonNode n) {
        Map<String, Double> values = new HashMap<>();
        n.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        return LabelScores.fromMap(values);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }

    private static long instant(JsonNode n, String field) {
        return Instant.parse(text(n, field)).toEpochMilli();
    }
}
