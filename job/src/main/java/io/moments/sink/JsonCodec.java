package io.moments.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.decide.Action;
import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.ShopperEvent;
import io.moments.lift.LiftReport;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.privacy.ErasureRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** The JSON wire form of the job's outputs (decision/v1, dead-letter/v1, audit/v1, lift/v1), as in the contracts. */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonCodec() {}

    public static byte[] decisionBytes(Decision d) {
        return decisionJson(d).getBytes(StandardCharsets.UTF_8);
    }

    public static String decisionJson(Decision d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", Decision.SCHEMA);
        n.put("decisionId", d.decisionId());
        n.put("sessionId", d.sessionId());
        n.put("ts", Instant.ofEpochMilli(d.ts()).toString());
        n.put("emittedAt", Instant.ofEpochMilli(d.emittedAt()).toString());
        n.put("moment", lower(d.moment().name()));
        n.put("stage", lower(d.stage().name()));
        n.set("labels", labels(d.labels()));
        n.set("labelConfidence", labels(d.labelConfidence()));
        n.set("momentum", labels(d.momentum()));
        array(n, "modalities", d.modalities());
        n.put("confidence", round(d.confidence()));
        n.put("ambiguous", d.ambiguous());
        array(n, "triggers", d.triggers());
        n.put("rule", d.rule());
        n.put("group", d.group());
        Action a = d.action();
        ObjectNode action = n.putObject("action");
        action.put("type", a.type());
        action.put("intervention", a.intervention());
        action.put("adTone", a.adTone());
        array(action, "suppressedTactics", a.suppressedTactics());
        action.put("personalized", a.personalized());
        action.put("reason", a.reason());
        n.put("policyVersion", d.policyVersion());
        n.put("explanation", d.explanation());
        return n.toString();
    }

    public static String auditJson(AuditRecord a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", AuditRecord.SCHEMA);
        n.put("kind", "decision");
        n.put("decisionId", a.decisionId());
        n.put("sessionId", a.sessionId());
        n.put("ts", Instant.ofEpochMilli(a.ts()).toString());
        n.put("policyVersion", a.policyVersion());
        n.put("rule", a.rule());
        array(n, "triggers", a.triggers());
        array(n, "triggerDetails", a.triggerDetails());
        n.set("labels", labels(a.labels()));
        n.set("weightedLabels", labels(a.weightedLabels()));
        n.set("labelConfidence", labels(a.labelConfidence()));
        n.set("momentum", labels(a.momentum()));
        ObjectNode signals = n.putObject("signals");
        signals.set("behaviour", labels(a.behaviour()));
        signals.set("text", labels(a.text()));
        signals.set("face", labels(a.face()));
        signals.set("voice", labels(a.voice()));
        ObjectNode thresholds = n.putObject("thresholds");
        thresholds.put("labelThreshold", a.labelThreshold());
        thresholds.put("minConfidence", a.minConfidence());
        n.put("consentBasis", a.consentBasis());
        n.put("holdoutBucket", a.holdoutBucket());
        array(n, "candidates", a.candidates());
        array(n, "allowed", a.allowed());
        n.put("chosen", a.chosen());
        n.put("chooser", a.chooser());
        array(n, "steps", a.steps());
        return n.toString();
    }

    /** An audit line for a policy that was accepted or rejected. */
    public static String policyAuditJson(String version, String outcome, String problems, long at) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", AuditRecord.SCHEMA);
        n.put("kind", "policy");
        n.put("policyVersion", version);
        n.put("outcome", outcome);
        n.put("problems", problems);
        n.put("at", Instant.ofEpochMilli(at).toString());
        return n.toString();
    }

    /** An audit line confirming that a session's state was erased. */
    public static String erasureJson(ErasureRequest r, long at) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", AuditRecord.SCHEMA);
        n.put("kind", "erasure");
        n.put("requestId", r.requestId());
        n.put("sessionId", r.sessionId());
        n.put("byUser", r.userId() != null);
        n.put("at", Instant.ofEpochMilli(at).toString());
        return n.toString();
    }

    public static String liftJson(LiftReport r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", LiftReport.SCHEMA);
        n.put("dimension", r.dimension());
        n.put("value", r.value());
        n.put("asOf", Instant.ofEpochMilli(r.asOf()).toString());
        n.put("treatmentSessions", r.treatmentSessions());
        n.put("treatmentConversions", r.treatmentConversions());
        n.put("holdoutSessions", r.holdoutSessions());
        n.put("holdoutConversions", r.holdoutConversions());
        n.put("treatmentRate", round(r.treatmentRate()));
        n.put("holdoutRate", round(r.holdoutRate()));
        n.put("lift", round(r.lift()));
        n.put("ciLow", round(r.ciLow()));
        n.put("ciHigh", round(r.ciHigh()));
        return n.toString();
    }

    public static LiftReport parseLift(String json) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(json);
        return new LiftReport(n.get("dimension").asText(), n.get("value").asText(),
                Instant.parse(n.get("asOf").asText()).toEpochMilli(), n.get("treatmentSessions").asLong(),
                n.get("treatmentConversions").asLong(), n.get("holdoutSessions").asLong(),
                n.get("holdoutConversions").asLong(), n.get("treatmentRate").asDouble(), n.get("holdoutRate").asDouble(),
                n.get("lift").asDouble(), n.get("ciLow").asDouble(), n.get("ciHigh").asDouble());
    }

    public static byte[] deadLetterBytes(DeadLetter d) {
        return deadLetterJson(d).getBytes(StandardCharsets.UTF_8);
    }

    public static String deadLetterJson(DeadLetter d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", DeadLetter.SCHEMA);
        n.put("reason", d.reason().wireName());
        n.put("detail", d.detail());
        n.put("source", d.source());
        n.put("sourceSchema", d.sourceSchema());
        n.put("eventId", d.eventId());
        n.put("sessionId", d.sessionId());
        n.put("receivedAt", Instant.ofEpochMilli(d.receivedAt()).toString());
        n.put("rawBytes", d.rawBytes());
        n.put("raw", d.raw());
        n.put("rawBase64", d.rawBase64());
        n.put("redacted", d.redacted());
        n.put("truncated", d.truncated());
        n.put("rawSha256", d.rawSha256());
        return n.toString();
    }

    /** An event as JSON for a dead letter: its fields, never message text or media payload. */
    public static String eventJson(ShopperEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", e.schema());
        n.put("eventId", e.eventId());
        n.put("sessionId", e.sessionId());
        n.put("ts", Instant.ofEpochMilli(e.ts()).toString());
        if (e.userId() != null) {
            n.put("userId", e.userId());
        }
        if (e.interaction() != null) {
            n.put("type", e.interaction().type().wireName());
            String step = e.interaction().step();
            if (step != null) {
                if (step.chars().allMatch(Character::isDigit) && step.length() <= 2) {
                    n.put("step", Integer.parseInt(step)); // a step number goes back out as a number
                } else {
                    n.put("step", step);
                }
            }
            if (e.interaction().page() != null) {
                ObjectNode page = n.putObject("page");
                page.put("url", e.interaction().page().url());
                page.put("kind", e.interaction().page().kind().wireName());
            }
            if (e.interaction().target() != null) {
                n.put("target", e.interaction().target());
            }
        } else if (e.text() != null) {
            n.put("channel", lower(e.text().channel().name()));
            n.put("textLength", e.text().length());
        } else if (e.media() != null) {
            n.put("kind", lower(e.media().kind().name()));
            n.put("dataBytes", e.media().size());
        } else {
            n.put("type", lower(e.outcome().type().name()));
            if (e.outcome().value() != null) {
                n.put("value", e.outcome().value());
            }
        }
        return n.toString();
    }

    private static void array(ObjectNode n, String field, String[] values) {
        ArrayNode a = n.putArray(field);
        for (String v : values) {
            a.add(v);
        }
    }

    private static ObjectNode labels(LabelScores s) {
        ObjectNode n = MAPPER.createObjectNode();
        for (Label label : Label.values()) {
            n.put(label.wireName(), round(s.get(label)));
        }
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
