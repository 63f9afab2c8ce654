package io.moments.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.decide.Action;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.LabelScores;
import io.moments.models.Label;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** The JSON wire form of the job's outputs (decision/v1, dead-letter/v1), as in the contracts. */
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
        n.put("confidence", round(d.confidence()));
        n.put("ambiguous", d.ambiguous());
        ArrayNode triggers = n.putArray("triggers");
        for (String t : d.triggers()) {
            triggers.add(t);
        }
        n.put("group", d.group());
        Action a = d.action();
        ObjectNode action = n.putObject("action");
        action.put("type", a.type());
        action.put("intervention", a.intervention());
        action.put("adTone", a.adTone());
        ArrayNode suppressed = action.putArray("suppressedTactics");
        for (String t : a.suppressedTactics()) {
            suppressed.add(t);
        }
        action.put("personalized", a.personalized());
        action.put("reason", a.reason());
        n.put("policyVersion", d.policyVersion());
        n.put("explanation", d.explanation());
        return n.toString();
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
            if (e.interaction().step() != null) {
                n.put("step", e.interaction().step());
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
