package io.moments.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.testing.Shopper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic (seeded) corpus for the bad-input campaign: realistic valid sessions built with
 * {@link Shopper}, interleaved with malformed and hostile JSON lines. Every hostile line knows its
 * category and the dead-letter reason it must produce.
 *
 * <p>Hostile lines never move event time: those that carry a {@code ts} take the time of the valid
 * record before them (or are rejected before event time matters), so no valid record becomes late.
 */
public final class HostileCorpus {

    /** Valid traffic starts here (safely in the past of any current clock, after the 2000 floor). */
    public static final String START = "2026-01-15T10:00:00Z";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TCF = Shopper.FULL_CONSENT_TCF;

    /**
     * One line of the corpus.
     *
     * @param bytes          the line as written (without the newline); may hold invalid UTF-8
     * @param category       "valid" or the hostile category
     * @param expectedReason the dead-letter wire reason, null for valid lines
     * @param matchEventId   for records refused after parsing (duplicate, late, undecodable media):
     *                       the eventId their dead letter carries; null when the dead letter is
     *                       matched by the SHA-256 of the line
     */
    public record Line(byte[] bytes, String category, String expectedReason, String matchEventId) {
        boolean valid() {
            return expectedReason == null;
        }
    }

    private HostileCorpus() {}

    /** {@code sessions} realistic sessions as JSON lines, merged in event-time order. */
    public static List<String> validTraffic(int sessions, long seed) {
        Random random = new Random(seed);
        long start = Instant.parse(START).toEpochMilli();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String id = "v" + i;
            String at = Instant.ofEpochMilli(start + i * 1_500L + random.nextInt(1_000)).toString();
            String tcf = random.nextInt(5) == 0 ? null : TCF;
            Shopper s = tcf == null ? Shopper.session(id, at) : Shopper.session(id, at, tcf);
            if (random.nextInt(10) == 0) {
                s.withGpc();
            }
            switch (i % 6) {
                case 0 -> s.page("pricing").after(20).act("contact_click").after(5).act("session_end");
                case 1 -> s.page("cart").after(4).step(1).after(8).page("product"); // abandonment
                case 2 -> s.page("product").after(3).act("add_to_cart").after(3).step(1).after(5).step(2)
                        .after(5).act("purchase").after(1).act("session_end");
                case 3 -> s.step(1).after(3).act("form_error").after(3).act("form_error").after(3)
                        .act("form_error").after(3).act("form_error");
                case 4 -> s.page("home").after(4).page("category").after(6).act("click", "tile-" + i).after(2)
                        .act("click", "tile-" + i).after(1).act("click", "tile-" + i).after(0.3).act("click", "tile-" + i)
                        .after(0.3).act("click", "tile-" + i).after(9).page("product");
                default -> s.page("home").after(10).act("scroll").after(12).page("blog").after(8)
                        .outcome("purchase", 19.99);
            }
            lines.addAll(s.lines());
        }
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(HostileCorpus::epochMs)); // stable: per-session order kept
        return sorted;
    }

    /** The valid lines with {@code hostile} hostile lines interleaved, valid ones still in event-time order. */
    public static List<Line> mixed(List<String> valid, int hostile, long seed) {
        Generator g = new Generator(new Random(seed));
        List<Line> out = new ArrayList<>();
        int perGap = hostile / valid.size();
        int extra = hostile % valid.size();
        int made = 0;
        for (int i = 0; i < valid.size(); i++) {
            String line = valid.get(i);
            out.add(new Line(line.getBytes(StandardCharsets.UTF_8), "valid", null, null));
            g.previous = line;
            g.previousTs = epochMs(line);
            int k = perGap + (i < extra ? 1 : 0);
            for (int j = 0; j < k; j++) {
                out.add(g.next(made++));
            }
        }
        return out;
    }

    /** Hostile lines per category. */
    public static Map<String, Integer> categories(List<Line> lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Line l : lines) {
            if (!l.valid()) {
                counts.merge(l.category(), 1, Integer::sum);
            }
        }
        return counts;
    }

    static long epochMs(String line) {
        try {
            return Instant.parse(JSON.readTree(line).get("ts").asText()).toEpochMilli();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes hostile lines; {@link #previous} is the valid line just before. */
    private static final class Generator {
        private final Random random;
        private String previous;
        private long previousTs;
        private int n;
        private int huge; // records over the 1 MiB limit, kept few

        Generator(Random random) {
            this.random = random;
        }

        Line next(int index) {
            n++;
            // A few very large records at fixed positions: over 1 MiB, and oversized media.
            if (index % 2_000 == 1_000 && huge < 6) {
                huge++;
                return huge % 2 == 0 ? hugeRecord() : oversizedMedia();
            }
            int pick = random.nextInt(100);
            if (pick < 8) return truncated();
            if (pick < 14) return deeplyNested();
            if (pick < 38) return wrongType();
            if (pick < 43) return longStrings();
            if (pick < 49) return nonFinite();
            if (pick < 59) return oddUnicode();
            if (pick < 64) return invalidUtf8();
            if (pick < 70) return outOfRangeTs();
            if (pick < 76) return duplicate();
            if (pick < 86) return media();
            if (pick < 90) return unknownSchema();
            if (pick < 94) return empty();
            if (pick < 98) return topLevel();
            return late();
        }

        // ---- templates ----

        private String id() {
            return "h-" + n;
        }

        private String ts() {
            return Instant.ofEpochMilli(previousTs).toString();
        }

        private ObjectNode interaction() {
            ObjectNode e = JSON.createObjectNode();
            e.put("schema", "interaction/v1").put("eventId", id()).put("sessionId", "hs-" + n).put("ts", ts())
                    .put("type", "click").put("target", "buy-button");
            e.putObject("consent").put("tcf", TCF).put("gpc", false);
            return e;
        }

        private ObjectNode textMessage() {
            ObjectNode e = JSON.createObjectNode();
            e.put("schema", "text/v1").put("eventId", id()).put("sessionId", "hs-" + n).put("ts", ts())
                    .put("channel", "chat").put("text", "is this really the final price?");
            return e;
        }

        private ObjectNode outcome() {
            ObjectNode e = JSON.createObjectNode();
            e.put("schema", "outcome/v1").put("eventId", id()).put("sessionId", "hs-" + n).put("ts", ts())
                    .put("type", "purchase").put("value", 10.0);
            return e;
        }

        private ObjectNode mediaRecord(String kind, String data, boolean biometric) {
            ObjectNode e = JSON.createObjectNode();
            e.put("schema", "media/v1").put("eventId", id()).put("sessionId", "hm-" + n).put("ts", ts())
                    .put("kind", kind).put("mime", kind.equals("video_frame") ? "image/jpeg" : "audio/pcm");
            e.putObject("consent").put("tcf", TCF).put("gpc", false).put("biometric", biometric);
            if (data != null) {
                e.put("data", data);
            }
            return e;
        }

        private static Line line(String text, String category, String reason) {
            return new Line(text.getBytes(StandardCharsets.UTF_8), category, reason, null);
        }

        private String b64(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }

        private byte[] garbage(int length, boolean jpegMarker) {
            byte[] b = new byte[length];
            random.nextBytes(b);
            if (jpegMarker) {
                b[0] = (byte) 0xFF;
                b[1] = (byte) 0xD8;
                b[2] = (byte) 0xFF;
            }
            return b;
        }

        // ---- categories ----

        private Line truncated() {
            String base = switch (random.nextInt(3)) {
                case 0 -> previous;
                case 1 -> interaction().toString();
                default -> mediaRecord("video_frame", b64(garbage(300, true)), true).toString();
            };
            return line(base.substring(0, 1 + random.nextInt(base.length() - 1)), "truncated_json", "not_json");
        }

        private Line deeplyNested() {
            int depth = 1_000 + random.nextInt(4_000);
            StringBuilder sb = new StringBuilder();
            switch (random.nextInt(4)) {
                case 0 -> sb.append("{\"a\":".repeat(depth)).append('1').append("}".repeat(depth));
                case 1 -> sb.append("[".repeat(depth)).append("]".repeat(depth));
                case 2 -> sb.append("[{\"x\":".repeat(depth)); // and never closed
                default -> {
                    String head = interaction().toString();
                    sb.append(head, 0, head.length() - 1).append(",\"target\":")
                            .append("{\"t\":".repeat(depth)).append("\"x\"").append("}".repeat(depth)).append('}');
                }
            }
            return line(sb.toString(), "deeply_nested_json", "not_json");
        }

        private Line wrongType() {
            ObjectNode e;
            String field;
            String value;
            String reason;
            int c = random.nextInt(55);
            if (c < 43) {
                e = interaction();
                String[][] cases = {
                    {"schema", "42", "unknown_schema"}, {"schema", "true", "unknown_schema"},
                    {"schema", "{\"v\":1}", "unknown_schema"}, {"schema", "\"INTERACTION/V1\"", "unknown_schema"},
                    {"eventId", "12345", "invalid_field"}, {"eventId", "[\"a\"]", "invalid_field"},
                    {"eventId", "\"\"", "invalid_field"}, {"eventId", "null", "missing_field"},
                    {"sessionId", "7", "invalid_field"}, {"sessionId", "\"has space\"", "invalid_field"},
                    {"sessionId", "{\"a\":1}", "invalid_field"}, {"sessionId", "false", "invalid_field"},
                    {"ts", "true", "invalid_ts"}, {"ts", "1.5e12", "invalid_ts"},
                    {"ts", "\"2026-13-45T99:00:00Z\"", "invalid_ts"}, {"ts", "\"2026-01-15T10:00:00\"", "invalid_ts"},
                    {"ts", "[]", "invalid_ts"}, {"ts", "99999999999999999999", "invalid_ts"},
                    {"ts", "{}", "invalid_ts"}, {"ts", "null", "missing_field"},
                    {"userId", "5", "invalid_field"}, {"userId", "[]", "invalid_field"},
                    {"consent", "\"yes\"", "invalid_field"}, {"consent", "{\"gpc\":\"true\"}", "invalid_field"},
                    {"consent", "{\"biometric\":1}", "invalid_field"}, {"consent", "{\"tcf\":12}", "invalid_field"},
                    {"consent", "{\"gppSid\":[\"usca\"]}", "invalid_field"}, {"consent", "{\"gpp\":[7]}", "invalid_field"},
                    {"consent", "{\"region\":\"Narnia\"}", "invalid_field"},
                    {"type", "3", "invalid_field"}, {"type", "\"CLICK\"", "unknown_type"},
                    {"type", "\"levitate\"", "unknown_type"}, {"type", "null", "missing_field"},
                    {"type", "[\"click\"]", "invalid_field"}, {"step", "\"<pay>\"", "invalid_field"},
                    {"step", "0", "invalid_field"}, {"step", "21", "invalid_field"},
                    {"step", "2.5", "invalid_field"}, {"page", "\"pricing\"", "invalid_field"},
                    {"page", "{\"kind\":\"moon\"}", "invalid_field"}, {"page", "{\"kind\":5}", "invalid_field"},
                    {"depth", "\"deep\"", "invalid_field"}, {"value", "\"9.99\"", "invalid_field"},
                };
                String[] pick = cases[c];
                field = pick[0];
                value = pick[1];
                reason = pick[2];
                if (field.equals("step")) {
                    e.put("type", "checkout_step");
                }
            } else if (c < 49) {
                e = textMessage();
                String[][] cases = {
                    {"channel", "1", "invalid_field"}, {"channel", "\"telepathy\"", "invalid_field"},
                    {"text", "5", "invalid_field"}, {"text", "\"   \"", "invalid_field"},
                    {"text", "null", "missing_field"}, {"text", "{\"t\":\"hi\"}", "invalid_field"},
                };
                String[] pick = cases[c - 43];
                field = pick[0];
                value = pick[1];
                reason = pick[2];
            } else {
                e = outcome();
                String[][] cases = {
                    {"type", "\"refund\"", "unknown_type"}, {"value", "-1", "invalid_field"},
                    {"type", "\"survey\"", "missing_field"}, {"value", "\"lots\"", "invalid_field"},
                    {"value", "true", "invalid_field"}, {"decisionId", "77", "invalid_field"},
                };
                String[] pick = cases[c - 49];
                field = pick[0];
                value = pick[1];
                reason = pick[2];
            }
            try {
                e.set(field, JSON.readTree(value));
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            return line(e.toString(), "wrong_type", reason);
        }

        private Line longStrings() {
            switch (random.nextInt(4)) {
                case 0 -> {
                    ObjectNode e = textMessage();
                    e.put("text", "why ".repeat(1_001 + random.nextInt(4_000)));
                    return line(e.toString(), "huge_string", "too_large"); // over the 4000-char text limit
                }
                case 1 -> {
                    ObjectNode e = interaction();
                    e.put("target", "t".repeat(257 + random.nextInt(10_000)));
                    return line(e.toString(), "huge_string", "invalid_field");
                }
                case 2 -> {
                    ObjectNode e = interaction();
                    e.put("eventId", "e".repeat(129 + random.nextInt(10_000)));
                    return line(e.toString(), "huge_string", "invalid_field");
                }
                default -> {
                    ObjectNode e = interaction().put("type", "page_view");
                    e.putObject("page").put("kind", "product").put("url", "https://shop.example/" + "p".repeat(3_000));
                    return line(e.toString(), "huge_string", "invalid_field");
                }
            }
        }

        private Line hugeRecord() {
            ObjectNode e = textMessage();
            e.put("text", "a".repeat(1_100_000));
            return line(e.toString(), "huge_record_over_1mib", "too_large");
        }

        private Line oversizedMedia() {
            // 600 KB decoded (limit 512 KiB), 800 KB of base64: under the record limit, over the media limit.
            ObjectNode e = mediaRecord("video_frame", b64(garbage(600_000, true)), true);
            return line(e.toString(), "oversized_media", "too_large");
        }

        private Line nonFinite() {
            String head = interaction().toString();
            head = head.substring(0, head.length() - 1);
            String[] values = {"NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf"};
            String field = random.nextBoolean() ? "value" : (random.nextBoolean() ? "depth" : "ts");
            String v = values[random.nextInt(values.length)];
            if (random.nextInt(7) == 0) { // a literal that overflows to infinity: parses, then refused as not finite
                return line(head + ",\"value\":1e400}", "nan_infinity", "invalid_field");
            }
            String text = field.equals("ts")
                    ? head.replace("\"ts\":\"" + ts() + "\"", "\"ts\":" + v) + "}"
                    : head + ",\"" + field + "\":" + v + "}";
            return line(text, "nan_infinity", "not_json");
        }

        private Line oddUnicode() {
            String[] weird = {"\u202Eevil", "zero\u200Bwidth", "\uD83D\uDED2cart", "\u200F\u200E", "\uFEFFbom",
                    "e\u0301", "\u0000nul"};
            String head = interaction().toString();
            switch (random.nextInt(5)) {
                case 0 -> { // odd characters in sessionId (must match [A-Za-z0-9._:@-])
                    ObjectNode e = interaction();
                    e.put("sessionId", "s" + weird[random.nextInt(weird.length)]);
                    return line(e.toString(), "odd_unicode", "invalid_field");
                }
                case 1 -> { // lone surrogates as JSON escapes, in a field the dead letter does not echo
                    // (a lone surrogate echoed into a dead letter's sessionId or detail crashes the file
                    // sink: see docs/bad-input.md, known problems)
                    String esc = random.nextBoolean() ? "\\ud800" : "\\udfff\\ud800";
                    return line(head.replace("\"ts\":\"" + ts() + "\"", "\"ts\":\"" + esc + "\""),
                            "odd_unicode", "invalid_ts");
                }
                case 2 -> { // zero-width, RTL or a lone surrogate inside the type
                    String[] types = {"click\\u200b", "\\u202eclick", "\u200Bclick",
                            "\uFF43\uFF4C\uFF49\uFF43\uFF4B"};
                    return line(head.replace("\"type\":\"click\"", "\"type\":\"" + types[random.nextInt(types.length)] + "\""),
                            "odd_unicode", "unknown_type");
                }
                case 3 -> { // emoji, RTL marks and zero-width characters beyond the text limit
                    ObjectNode e = textMessage();
                    e.put("text", "\uD83D\uDE21\u202E\u200B".repeat(1_001 + random.nextInt(500)));
                    return line(e.toString(), "odd_unicode", "too_large");
                }
                default -> { // lone surrogate in a string field of a record that is otherwise wrong
                    return line(head.replace("\"ts\":\"" + ts() + "\"", "\"ts\":\"\\ud800" + ts() + "\""),
                            "odd_unicode", "invalid_ts");
                }
            }
        }

        private Line invalidUtf8() {
            byte[][] bad = {
                {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
                {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            };
            byte[] b = bad[random.nextInt(bad.length)];
            String head = interaction().toString();
            String reason;
            String before;
            String after;
            switch (random.nextInt(3)) {
                case 0 -> {
                    String key = "\"sessionId\":\"";
                    int at = head.indexOf(key) + key.length();
                    before = head.substring(0, at);
                    after = head.substring(head.indexOf('"', at));
                    reason = "invalid_field";
                }
                case 1 -> {
                    String key = "\"type\":\"cl";
                    int at = head.indexOf(key) + key.length();
                    before = head.substring(0, at);
                    after = head.substring(at);
                    reason = "unknown_type";
                }
                default -> {
                    before = "";
                    after = "";
                    reason = "not_json";
                }
            }
            byte[] pre = before.getBytes(StandardCharsets.UTF_8);
            byte[] post = after.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[pre.length + b.length + post.length];
            System.arraycopy(pre, 0, out, 0, pre.length);
            System.arraycopy(b, 0, out, pre.length, b.length);
            System.arraycopy(post, 0, out, pre.length + b.length, post.length);
            return new Line(out, "invalid_utf8", reason, null);
        }

        private Line outOfRangeTs() {
            ObjectNode e = interaction();
            switch (random.nextInt(6)) {
                case 0 -> e.put("ts", "1990-05-01T12:00:00Z");
                case 1 -> e.put("ts", 641_520_000_000L); // 1990 as epoch ms
                case 2 -> e.put("ts", "2099-01-01T00:00:00+02:00");
                case 3 -> e.put("ts", 4_070_908_800_000L); // 2099 as epoch ms
                case 4 -> e.put("ts", -1L);
                default -> e.put("ts", "1999-12-31T23:59:59Z");
            }
            return line(e.toString(), "ts_far_past_or_future", "ts_out_of_range");
        }

        private Line duplicate() {
            try {
                JsonNode original = JSON.readTree(previous);
                String eventId = original.get("eventId").asText();
                String text = previous;
                if (random.nextBoolean()) { // same eventId, different content
                    ObjectNode copy = (ObjectNode) original.deepCopy();
                    copy.put("target", "replayed-by-attacker");
                    text = copy.toString();
                }
                return new Line(text.getBytes(StandardCharsets.UTF_8), "duplicate_event_id", "duplicate", eventId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Line late() {
            // A well-formed record two hours behind the records before it: beyond the allowed lateness (30 min).
            ObjectNode e = interaction();
            e.put("ts", Instant.ofEpochMilli(previousTs - 7_200_000).toString());
            return new Line(e.toString().getBytes(StandardCharsets.UTF_8), "late", "late", id());
        }

        private Line media() {
            switch (random.nextInt(8)) {
                case 0 -> { // starts like a JPEG, is garbage: passes the parser, refused by the face model
                    ObjectNode e = mediaRecord("video_frame", b64(garbage(64 + random.nextInt(2_000), true)), true);
                    return new Line(e.toString().getBytes(StandardCharsets.UTF_8), "corrupt_media", "bad_media", id());
                }
                case 1 -> {
                    ObjectNode e = mediaRecord("audio_chunk", b64(garbage(2 * random.nextInt(2_000) + 1, false)), true);
                    return line(e.toString(), "corrupt_media", "bad_media"); // odd length: not PCM16
                }
                case 2 -> {
                    ObjectNode e = mediaRecord("video_frame", "@@not*base64!!" + random.nextInt(), true);
                    return line(e.toString(), "corrupt_media", "bad_media");
                }
                case 3 -> {
                    ObjectNode e = mediaRecord("video_frame", b64(new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4}), true);
                    return line(e.toString(), "corrupt_media", "bad_media"); // no JPEG SOI marker
                }
                case 4 -> {
                    ObjectNode e = mediaRecord("video_frame", b64(garbage(500, true)), false);
                    return line(e.toString(), "media_without_consent", "no_biometric_consent");
                }
                case 5 -> {
                    ObjectNode e = mediaRecord("audio_chunk", b64(garbage(1_000, false)), true);
                    e.remove("consent");
                    return line(e.toString(), "media_without_consent", "no_biometric_consent");
                }
                case 6 -> {
                    ObjectNode e = mediaRecord("hologram", b64(garbage(100, false)), true);
                    return line(e.toString(), "corrupt_media", "unknown_type");
                }
                default -> {
                    ObjectNode e = mediaRecord("audio_chunk", "", true);
                    return line(e.toString(), "corrupt_media", "invalid_field");
                }
            }
        }

        private Line unknownSchema() {
            ObjectNode e = interaction();
            switch (random.nextInt(5)) {
                case 0 -> e.put("schema", "payment/v1");
                case 1 -> e.put("schema", "interaction/v2");
                case 2 -> e.put("schema", "");
                case 3 -> e.put("schema", "media/v9");
                default -> {
                    e.remove("schema");
                    return line(e.toString(), "unknown_schema", "missing_field");
                }
            }
            return line(e.toString(), "unknown_schema", "unknown_schema");
        }

        private Line empty() {
            String[] blanks = {"", " ", "   ", "\t", " \t \t"};
            return line(blanks[random.nextInt(blanks.length)], "empty_line", "not_json");
        }

        private Line topLevel() {
            String[] objects = {"[]", "[1,2,3]", "[{\"schema\":\"interaction/v1\"}]", "42", "-0.5", "\"hello\"",
                    "true", "null", "\"{\\\"schema\\\":\\\"interaction/v1\\\"}\""};
            if (random.nextInt(8) == 0) {
                return line(random.nextBoolean() ? "{} {}" : "[] 1", "top_level_non_object", "not_json");
            }
            if (random.nextInt(8) == 0) {
                return line("{}", "top_level_non_object", "missing_field");
            }
            return line(objects[random.nextInt(objects.length)], "top_level_non_object", "not_an_object");
        }
    }
}
