package io.moments.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.ingest.EventParser;
import io.moments.config.IngestLimits;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import io.moments.privacy.TcfStrings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one scripted shopper session as v1 JSON lines with explicit event times, for tests:
 * {@code Shopper.session("s1", "2026-11-20T10:00:00Z").page("pricing").after(30).act("contact_click")}.
 */
public final class Shopper {

    public static final String FULL_CONSENT_TCF = TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventParser PARSER = new EventParser(IngestLimits.DEFAULTS);

    private final String sessionId;
    private final List<String> lines = new ArrayList<>();
    private final String tcf;
    private boolean gpc;
    private String gpp;
    private String region;
    private long t;
    private int n;

    private Shopper(String sessionId, long start, String tcf) {
        this.sessionId = sessionId;
        this.t = start;
        this.tcf = tcf;
    }

    public static Shopper session(String sessionId, String start) {
        return new Shopper(sessionId, Instant.parse(start).toEpochMilli(), null);
    }

    public static Shopper session(String sessionId, String start, String tcf) {
        return new Shopper(sessionId, Instant.parse(start).toEpochMilli(), tcf);
    }

    public Shopper withGpc() {
        gpc = true;
        return this;
    }

    /** Consent as a GPP string (no TCF string), with the shopper's region (null: unknown). */
    public Shopper withGpp(String gppString, String isoRegion) {
        gpp = gppString;
        region = isoRegion;
        return this;
    }

    public Shopper after(double seconds) {
        t += Math.round(seconds * 1000);
        return this;
    }

    public Shopper page(String kind) {
        ObjectNode e = base("interaction/v1").put("type", "page_view");
        e.putObject("page").put("url", "https://shop.example/" + kind).put("kind", kind);
        return add(e);
    }

    public Shopper act(String type) {
        return add(base("interaction/v1").put("type", type));
    }

    public Shopper act(String type, String target) {
        return add(base("interaction/v1").put("type", type).put("target", target));
    }

    /** A scroll to {@code depth} (0..1) of the page. */
    public Shopper scroll(double depth) {
        return add(base("interaction/v1").put("type", "scroll").put("depth", depth));
    }

    public Shopper step(int step) {
        return add(base("interaction/v1").put("type", "checkout_step").put("step", step));
    }

    /** A checkout step by name, as Shopify-style trackers send it. */
    public Shopper step(String name) {
        return add(base("interaction/v1").put("type", "checkout_step").put("step", name));
    }

    public Shopper text(String channel, String text) {
        return add(base("text/v1").put("channel", channel).put("text", text));
    }

    public Shopper outcome(String type, double value) {
        return add(base("outcome/v1").put("type", type).put("value", value));
    }

    /** The session's records as JSON lines, in event-time order. */
    public List<String> lines() {
        return lines;
    }

    /** The session's records parsed into events. */
    public List<ShopperEvent> events() {
        List<ShopperEvent> events = new ArrayList<>();
        for (String line : lines) {
            ParsedRecord r = PARSER.parse(line.getBytes(StandardCharsets.UTF_8), "test", false, System.currentTimeMillis());
            if (!r.isValid()) {
                throw new IllegalStateException("test record is invalid: " + r.deadLetter());
            }
            events.add(r.event());
        }
        return events;
    }

    public String sessionId() {
        return sessionId;
    }

    private ObjectNode base(String schema) {
        ObjectNode e = JSON.createObjectNode();
        e.put("schema", schema).put("eventId", sessionId + "-e" + (++n)).put("sessionId", sessionId)
                .put("ts", Instant.ofEpochMilli(t).toString());
        if (tcf != null || gpc || gpp != null) {
            ObjectNode consent = e.putObject("consent");
            if (tcf != null) {
                consent.put("tcf", tcf);
            }
            if (gpp != null) {
                consent.put("gpp", gpp);
            }
            if (region != null) {
                consent.put("region", region);
            }
            consent.put("gpc", gpc);
        }
        return e;
    }

    private Shopper add(ObjectNode e) {
        lines.add(e.toString());
        return this;
    }
}
