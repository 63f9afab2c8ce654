package io.moments.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.decide.Action;
import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.decide.PolicyChange;
import io.moments.decide.Targeting;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.ShopperEvent;
import io.moments.insights.Insight;
import io.moments.insights.InsightAccumulator;
import io.moments.insights.LabelBands;
import io.moments.insights.NamedCounts;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.privacy.ErasureRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        return write(g -> {
            g.writeStringField("schema", Decision.SCHEMA);
            g.writeStringField("decisionId", d.decisionId());
            g.writeStringField("sessionId", d.sessionId());
            g.writeStringField("ts", Instant.ofEpochMilli(d.ts()).toString());
            g.writeStringField("emittedAt", Instant.ofEpochMilli(d.emittedAt()).toString());
            g.writeStringField("moment", lower(d.moment().name()));
            g.writeStringField("stage", lower(d.stage().name()));
            labels(g, "labels", d.labels());
            labels(g, "labelConfidence", d.labelConfidence());
            labels(g, "momentum", d.momentum());
            array(g, "modalities", d.modalities());
            g.writeNumberField("confidence", round(d.confidence()));
            g.writeBooleanField("ambiguous", d.ambiguous());
            array(g, "triggers", d.triggers());
            g.writeStringField("rule", d.rule());
            g.writeStringField("group", d.group());
            Action a = d.action();
            g.writeObjectFieldStart("action");
            g.writeStringField("type", a.type());
            g.writeStringField("intervention", a.intervention());
            g.writeStringField("adTone", a.adTone());
            array(g, "suppressedTactics", a.suppressedTactics());
            g.writeBooleanField("personalized", a.personalized());
            g.writeStringField("reason", a.reason());
            g.writeEndObject();
            g.writeNumberField("propensity", round(d.propensity()));
            g.writeStringField("policyVersion", d.policyVersion());
            g.writeStringField("explanation", d.explanation());
            g.writeStringField("expiresAt", Instant.ofEpochMilli(d.expiresAt()).toString());
            if (d.targeting() != null) {
                targeting(g, d.targeting());
            }
        });
    }

    /** GAM key-values, the same as an ad tag's cust_params, and the OpenRTB / Prebid user.data form. */
    private static void targeting(JsonGenerator g, Targeting t) throws IOException {
        g.writeObjectFieldStart("targeting");
        g.writeObjectFieldStart("keyValues");
        for (var kv : t.keyValues().entrySet()) {
            array(g, kv.getKey(), kv.getValue().toArray(String[]::new));
        }
        g.writeEndObject();
        g.writeStringField("custParams", t.custParams());
        g.writeArrayFieldStart("userData");
        g.writeStartObject();
        g.writeStringField("name", Targeting.DATA_NAME);
        g.writeArrayFieldStart("segment");
        for (String id : t.segments()) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    public static String auditJson(AuditRecord a) {
        return write(g -> {
            g.writeStringField("schema", AuditRecord.SCHEMA);
            g.writeStringField("kind", "decision");
            g.writeStringField("decisionId", a.decisionId());
            g.writeStringField("sessionId", a.sessionId());
            g.writeStringField("ts", Instant.ofEpochMilli(a.ts()).toString());
            g.writeStringField("policyVersion", a.policyVersion());
            g.writeStringField("rule", a.rule());
            array(g, "triggers", a.triggers());
            array(g, "triggerDetails", a.triggerDetails());
            labels(g, "labels", a.labels());
            labels(g, "weightedLabels", a.weightedLabels());
            labels(g, "labelConfidence", a.labelConfidence());
            labels(g, "momentum", a.momentum());
            g.writeObjectFieldStart("signals");
            labels(g, "behaviour", a.behaviour());
            labels(g, "text", a.text());
            labels(g, "face", a.face());
            labels(g, "voice", a.voice());
            g.writeEndObject();
            array(g, "conflictingLabels", a.conflictingLabels());
            g.writeObjectFieldStart("thresholds");
            g.writeNumberField("labelThreshold", a.labelThreshold());
            g.writeNumberField("minConfidence", a.minConfidence());
            g.writeEndObject();
            g.writeStringField("consentBasis", a.consentBasis());
            g.writeStringField("consentJurisdiction", a.consentJurisdiction());
            g.writeStringField("consentSignal", a.consentSignal());
            g.writeBooleanField("personalizationAllowed", a.personalizationAllowed());
            g.writeNumberField("holdoutBucket", a.holdoutBucket());
            array(g, "candidates", a.candidates());
            array(g, "allowed", a.allowed());
            g.writeStringField("chosen", a.chosen());
            g.writeStringField("chooser", a.chooser());
            array(g, "steps", a.steps());
        });
    }

    /** An audit line for a policy that was accepted or rejected. */
    public static String policyAuditJson(PolicyChange c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", AuditRecord.SCHEMA);
        n.put("kind", "policy");
        n.put("policyVersion", c.policyVersion());
        n.put("outcome", c.outcome());
        n.put("problems", c.problems());
        n.put("at", Instant.ofEpochMilli(c.at()).toString());
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

    /** An insight/v1 row: counts, rates, label means and p90s, and conversion by label band; no session id. */
    public static String insightJson(Insight r) {
        InsightAccumulator f = r.figures;
        return write(g -> {
            g.writeStringField("schema", Insight.SCHEMA);
            g.writeObjectFieldStart("window");
            g.writeStringField("start", Instant.ofEpochMilli(r.windowStart).toString());
            g.writeStringField("end", Instant.ofEpochMilli(r.windowEnd).toString());
            g.writeEndObject();
            g.writeStringField("dimension", r.dimension);
            g.writeStringField("key", r.key);
            if (f.pageKind != null && !r.key.equals(Insight.OTHER)) {
                g.writeStringField("pageKind", f.pageKind);
            }
            g.writeBooleanField("update", r.update);
            g.writeNumberField("sessions", f.sessions);
            g.writeObjectFieldStart("moments");
            counts(g, f.triggers);
            g.writeEndObject();
            g.writeNumberField("frictionRate", round(f.sessions == 0 ? 0 : (double) f.moments() / f.sessions));
            g.writeObjectFieldStart("decisions");
            counts(g, f.actions);
            g.writeEndObject();
            g.writeObjectFieldStart("decisionsByGroup");
            g.writeNumberField(Decision.TREATMENT, f.treatmentDecisions);
            g.writeNumberField(Decision.HOLDOUT, f.holdoutDecisions);
            g.writeEndObject();
            g.writeNumberField("conversions", f.conversions);
            g.writeNumberField("conversionRate", round(f.conversionRate()));
            g.writeObjectFieldStart("labels");
            for (Label label : Label.values()) {
                g.writeObjectFieldStart(label.wireName());
                g.writeNumberField("mean", round(f.mean(label)));
                g.writeNumberField("p90", round(f.p90(label)));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("conversionByBand");
            for (Label label : Label.values()) {
                g.writeObjectFieldStart(label.wireName());
                for (int band = 0; band < 3; band++) {
                    g.writeObjectFieldStart(LabelBands.BAND_NAMES[band]);
                    for (int group = 0; group < 2; group++) {
                        long sessions = f.bandSessions(label, band, group);
                        long conversions = f.bandConversions(label, band, group);
                        g.writeObjectFieldStart(group == 0 ? Decision.TREATMENT : Decision.HOLDOUT);
                        g.writeNumberField("sessions", sessions);
                        g.writeNumberField("conversions", conversions);
                        g.writeNumberField("rate", round(sessions == 0 ? 0 : (double) conversions / sessions));
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("emittedAt", Instant.ofEpochMilli(r.emittedAt).toString());
        });
    }

    /** A label/v1 sample: a session's labels, confidence, stage and moment at one instant. */
    public static String labelSampleJson(LabelSample s) {
        return write(g -> {
            g.writeStringField("schema", LabelSample.SCHEMA);
            g.writeStringField("sessionId", s.sessionId());
            g.writeStringField("ts", Instant.ofEpochMilli(s.ts()).toString());
            labels(g, "labels", s.labels());
            labels(g, "labelConfidence", s.confidence());
            g.writeStringField("stage", lower(s.stage().name()));
            g.writeStringField("moment", lower(s.moment().name()));
        });
    }

    private static void counts(JsonGenerator g, NamedCounts c) throws IOException {
        for (int i = 0; i < c.names.length; i++) {
            g.writeNumberField(c.names[i], c.counts[i]);
        }
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


    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * One JSON object written field by field: the decision and audit records are written once per
     * decision on the session operator's thread, where building a tree first and serializing it was
     * 12 % of all CPU in a clickstream benchmark profile.
     */
    private static String write(Fields fields) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    private static void array(JsonGenerator g, String field, String[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void labels(JsonGenerator g, String field, LabelScores s) throws IOException {
        g.writeObjectFieldStart(field);
        for (Label label : Label.values()) {
            g.writeNumberField(label.wireName(), round(s.get(label)));
        }
        g.writeEndObject();
    }


    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
