package io.moments.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.privacy.GppSignals;
import io.moments.privacy.GppStrings;
import io.moments.privacy.TcfStrings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic shopper sessions as v1 records, one script per {@link Persona}: what pages they visit, how
 * long they linger, what they type, whether they buy. Deterministic for a given seed and start time.
 */
public final class SessionScripts {

    /** One record of a script: event time, topic and JSON. */
    public record TimedRecord(long ts, String topic, String json) {}

    static final String FULL_CONSENT_TCF = TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    static final String BASIC_ONLY_TCF = TcfStrings.withPurposes(1);
    static final String US_GPP = GppStrings.builder().us("usnat").encode();
    static final String US_OPTED_OUT_GPP = GppStrings.builder().us("usnat", GppSignals.OptOut.TARGETED_ADVERTISING).encode();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionScripts() {}

    public static List<TimedRecord> session(Persona persona, String sessionId, long start, Random random) {
        Script s = new Script(sessionId, start, random);
        switch (persona) {
            case CONFIDENT_BUYER -> s.page("home").wait(2_000, 5_000).page("category").wait(3_000, 8_000)
                    .page("product").wait(4_000, 10_000).act("add_to_cart", "add-to-cart").wait(1_000, 3_000)
                    .page("cart").wait(2_000, 5_000).step(1).wait(4_000, 9_000).step(2).wait(4_000, 9_000)
                    .step(3).wait(2_000, 6_000).act("purchase", null).outcome("purchase", 40 + random.nextInt(160))
                    .act("session_end", null);
            case HESITANT -> s.page("category").wait(3_000, 6_000).page("product").wait(25_000, 40_000)
                    .act("hover", "returns-policy").wait(5_000, 12_000).scroll(0.95).wait(20_000, 30_000)
                    .act("add_to_cart", "add-to-cart").wait(2_000, 4_000).page("cart").wait(22_000, 30_000)
                    .step(1).wait(35_000, 45_000).act("session_end", null);
            case PRICE_SENSITIVE -> s.page("product").wait(3_000, 6_000).page("pricing").wait(5_000, 10_000)
                    .page("product").wait(3_000, 6_000).page("pricing").wait(4_000, 8_000)
                    .text("search", "discount code").wait(2_000, 5_000).act("hover", "price-table").wait(3_000, 6_000)
                    .text("chat", "Is there any discount if I buy two?").act("chat_open", "chat-widget")
                    .wait(10_000, 20_000).act("session_end", null);
            case CONFUSED -> s.page("category").wait(3_000, 6_000).act("search", "search-box").wait(4_000, 8_000)
                    .act("search", "search-box").wait(4_000, 8_000).page("support").wait(6_000, 12_000)
                    .page("product").wait(5_000, 9_000).page("support").wait(5_000, 9_000).page("product")
                    .wait(4_000, 8_000).text("support", "Which size do I need, the chart shows two different numbers?")
                    .wait(3_000, 6_000).act("form_error", "size-select").wait(2_000, 5_000)
                    .act("form_error", "size-select").wait(2_000, 5_000).act("form_error", "size-select")
                    .wait(5_000, 10_000).act("session_end", null);
            case FRUSTRATED -> s.page("cart").wait(3_000, 6_000).step(1).wait(6_000, 10_000)
                    .act("form_error", "card-number").wait(3_000, 6_000).act("form_error", "card-number")
                    .wait(3_000, 6_000).act("form_error", "card-number").wait(1_000, 2_000)
                    .rapidClicks("pay-button", 4).wait(2_000, 4_000)
                    .text("support", "Your checkout keeps rejecting my card, this is ridiculous")
                    .act("chat_open", "chat-widget").wait(20_000, 30_000).act("session_end", null);
            case BROWSER -> s.page("home").wait(4_000, 9_000).page("blog").wait(15_000, 40_000).page("category")
                    .wait(5_000, 10_000).page("product").wait(6_000, 12_000).act("session_end", null);
        }
        return s.records;
    }

    /** An outcome/v1 purchase for a session, as the shop's order system would report it. */
    public static TimedRecord purchase(String sessionId, long ts, double value) {
        ObjectNode e = JSON.createObjectNode();
        e.put("schema", "outcome/v1").put("eventId", sessionId + "-outcome").put("sessionId", sessionId)
                .put("ts", Instant.ofEpochMilli(ts).toString()).put("type", "purchase").put("value", value);
        return new TimedRecord(ts, "outcomes", e.toString());
    }

    /**
     * A consent object, as shops in the EU and the US send them: half the sessions are in the EU and
     * consent fully by TCF; three in ten are in the US with a GPP string, one of them opted out of
     * targeted advertising; one in ten sends GPC; one in ten grants only TCF purpose 1.
     */
    static ObjectNode consent(Random random) {
        ObjectNode consent = JSON.createObjectNode();
        int r = random.nextInt(10);
        if (r >= 5 && r <= 7) {
            consent.put("gpp", r == 7 ? US_OPTED_OUT_GPP : US_GPP);
            consent.put("region", r == 5 ? "US-CA" : "US-NY");
        } else {
            consent.put("tcf", r == 9 ? BASIC_ONLY_TCF : FULL_CONSENT_TCF);
            consent.put("region", r % 2 == 0 ? "DE" : "FR");
        }
        consent.put("gpc", r == 8);
        consent.put("biometric", false);
        return consent;
    }

    /** Builds one session's records with advancing event time. */
    private static final class Script {
        final String sessionId;
        final Random random;
        final ObjectNode consent;
        final List<TimedRecord> records = new ArrayList<>();
        long t;
        int n;

        Script(String sessionId, long start, Random random) {
            this.sessionId = sessionId;
            this.t = start;
            this.random = random;
            this.consent = consent(random);
        }

        Script wait(int minMs, int maxMs) {
            t += minMs + random.nextInt(maxMs - minMs + 1);
            return this;
        }

        Script page(String kind) {
            ObjectNode e = base("interaction/v1");
            e.put("type", "page_view");
            e.putObject("page").put("url", "https://shop.example/" + kind).put("kind", kind);
            return emit("interactions", e);
        }

        Script act(String type, String target) {
            ObjectNode e = base("interaction/v1");
            e.put("type", type);
            if (target != null) {
                e.put("target", target);
            }
            return emit("interactions", e);
        }

        Script step(int step) {
            ObjectNode e = base("interaction/v1");
            e.put("type", "checkout_step").put("step", step);
            e.putObject("page").put("url", "https://shop.example/checkout/" + step).put("kind", "checkout");
            return emit("interactions", e);
        }

        Script scroll(double depth) {
            ObjectNode e = base("interaction/v1");
            e.put("type", "scroll").put("depth", depth);
            return emit("interactions", e);
        }

        Script rapidClicks(String target, int count) {
            for (int i = 0; i < count; i++) {
                act("click", target);
                t += 200 + random.nextInt(200);
            }
            return this;
        }

        Script text(String channel, String text) {
            ObjectNode e = base("text/v1");
            e.put("channel", channel).put("text", text);
            return emit("text", e);
        }

        Script outcome(String type, double value) {
            ObjectNode e = base("outcome/v1");
            e.put("type", type).put("value", value);
            return emit("outcomes", e);
        }

        private ObjectNode base(String schema) {
            ObjectNode e = JSON.createObjectNode();
            e.put("schema", schema);
            e.put("eventId", sessionId + "-" + (++n));
            e.put("sessionId", sessionId);
            e.put("ts", Instant.ofEpochMilli(t).toString());
            if (!schema.equals("outcome/v1")) {
                e.set("consent", consent);
            }
            return e;
        }

        private Script emit(String topic, ObjectNode e) {
            records.add(new TimedRecord(t, topic, e.toString()));
            return this;
        }
    }
}
