package io.moments.ingest;

import io.moments.config.IngestLimits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and validates one v1 input record (any schema) into a {@link ShopperEvent}, or explains why
 * not with a {@link DeadLetter}; {@code policy/v1} and {@code erasure/v1} documents pass through as
 * {@link ControlRecord}s for their own validators. Never throws on input.
 */
public final class EventParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern ENUM_NAME = Pattern.compile("[a-z_]{1,32}");
    private static final int MAX_ID_CHARS = 128;
    private static final int MAX_URL_CHARS = 2048;
    private static final int MAX_TARGET_CHARS = 256;
    private static final int MAX_TCF_CHARS = 2048;
    private static final int MAX_GPP_CHARS = 4096;
    private static final int MAX_GPP_SECTIONS = 32;
    /** ISO 3166 country or subdivision; the same rule as the policy's regions (privacy/ConsentRules, which ingest may not import). */
    private static final Pattern REGION = Pattern.compile("^[A-Z]{2}(-[A-Z0-9]{1,3})?$");
    private static final int MAX_ANSWER_CHARS = 1000;
    private static final int MAX_CHECKOUT_STEP = 20;
    private static final int MAX_STEP_NAME_CHARS = 64;
    private static final java.util.regex.Pattern STEP_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_. -]{0," + (MAX_STEP_NAME_CHARS - 1) + "}");
    private static final int MAX_DETAIL_CHARS = 200;

    private final IngestLimits limits;
    private transient ObjectMapper mapper;

    public EventParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * @param bytes        the record as received
     * @param source       topic or file it came from (kept in dead letters)
     * @param mediaSource  true when the source carries media: dead letters from it are always redacted
     * @param receivedAt   wall-clock time of receipt (epoch ms); bounds how far in the future ts may be
     */
    public ParsedRecord parse(byte[] bytes, String source, boolean mediaSource, long receivedAt) {
        // Whether to redact is only worked out for dead letters (dead()), off the path of valid records.
        boolean redact = mediaSource;
        if (bytes.length > limits.maxRecordBytes()) {
            return dead(DeadLetterReason.TOO_LARGE,
                    "record is " + bytes.length + " bytes; limit " + limits.maxRecordBytes(),
                    source, null, null, null, receivedAt, bytes, redact);
        }
        if (isBlank(bytes)) {
            return dead(DeadLetterReason.NOT_JSON, "empty record", source, null, null, null, receivedAt, bytes, redact);
        }
        JsonNode root;
        try {
            root = mapper().readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return dead(DeadLetterReason.NOT_JSON, clip(e.getMessage()), source, null, null, null,
                    receivedAt, bytes, redact);
        }
        if (root == null || !root.isObject()) {
            return dead(DeadLetterReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()),
                    source, null, null, null, receivedAt, bytes, redact);
        }
        String schema = root.path("schema").isTextual() ? root.get("schema").asText() : null;
        String eventId = root.path("eventId").isTextual() ? root.get("eventId").asText() : null;
        String sessionId = root.path("sessionId").isTextual() ? root.get("sessionId").asText() : null;
        redact |= ShopperEvent.MEDIA.equals(schema);
        if (ControlRecord.POLICY.equals(schema) || ControlRecord.ERASURE.equals(schema)) {
            return ParsedRecord.control(new ControlRecord(schema, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), source));
        }
        try {
            return ParsedRecord.valid(toEvent(root, schema, receivedAt));
        } catch (Rejected r) {
            return dead(r.reason, r.getMessage(), source, schema, clipId(eventId), clipId(sessionId),
                    receivedAt, bytes, redact);
        }
    }

    private ShopperEvent toEvent(JsonNode root, String schema, long receivedAt) {
        if (!root.has("schema")) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, "schema is required");
        }
        if (schema == null || !(schema.equals(ShopperEvent.INTERACTION) || schema.equals(ShopperEvent.TEXT)
                || schema.equals(ShopperEvent.MEDIA) || schema.equals(ShopperEvent.OUTCOME))) {
            throw new Rejected(DeadLetterReason.UNKNOWN_SCHEMA,
                    "schema must be one of interaction/v1, text/v1, media/v1, outcome/v1");
        }
        String eventId = requiredString(root, "eventId", MAX_ID_CHARS);
        String sessionId = requiredString(root, "sessionId", MAX_ID_CHARS);
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "sessionId must match [A-Za-z0-9._:@-]{1,128}");
        }
        long ts = eventTime(root, receivedAt);
        String userId = optionalString(root, "userId", MAX_ID_CHARS);
        Consent consent = consent(root.get("consent"));
        return switch (schema) {
            case ShopperEvent.INTERACTION -> new ShopperEvent(schema, eventId, sessionId, ts, userId, consent,
                    interaction(root), null, null, null, null);
            case ShopperEvent.TEXT -> new ShopperEvent(schema, eventId, sessionId, ts, userId, consent,
                    null, text(root), null, null, null);
            case ShopperEvent.MEDIA -> new ShopperEvent(schema, eventId, sessionId, ts, userId, consent,
                    null, null, media(root, consent), null, null);
            default -> new ShopperEvent(schema, eventId, sessionId, ts, userId, consent,
                    null, null, null, outcome(root), null);
        };
    }

    private long eventTime(JsonNode root, long receivedAt) {
        JsonNode node = root.get("ts");
        if (node == null || node.isNull()) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, "ts is required");
        }
        long ts;
        if (node.isTextual()) {
            try {
                ts = OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Rejected(DeadLetterReason.INVALID_TS, "ts is not an ISO-8601 instant with offset");
            }
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            ts = node.asLong();
        } else {
            throw new Rejected(DeadLetterReason.INVALID_TS, "ts must be an ISO-8601 string or epoch milliseconds");
        }
        if (ts < limits.minTs() || ts > receivedAt + limits.maxFutureSkewMs()) {
            throw new Rejected(DeadLetterReason.TS_OUT_OF_RANGE,
                    "ts " + ts + " is before 2000 or more than " + limits.maxFutureSkewMs() + " ms ahead of now");
        }
        return ts;
    }

    private static Consent consent(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "consent must be an object");
        }
        String tcf = optionalString(node, "tcf", MAX_TCF_CHARS);
        String gpp = optionalString(node, "gpp", MAX_GPP_CHARS);
        String region = optionalString(node, "region", 6);
        if (region != null) {
            region = region.toUpperCase(Locale.ROOT);
            if (!REGION.matcher(region).matches()) {
                throw new Rejected(DeadLetterReason.INVALID_FIELD, "consent.region must be an ISO 3166 code such as DE or US-CA");
            }
        }
        return new Consent(tcf, optionalBoolean(node, "gpc"), optionalBoolean(node, "biometric"), gpp,
                gppSid(node.get("gppSid")), region);
    }

    /** OpenRTB's {@code regs.gpp_sid}: the GPP section ids that apply. Only a malformed list is refused; a string
     * that does not decode is judged later, as a refusal to personalize. */
    private static int[] gppSid(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() > MAX_GPP_SECTIONS) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "consent.gppSid must be an array of at most "
                    + MAX_GPP_SECTIONS + " section ids");
        }
        int[] ids = new int[node.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = node.get(i);
            if (!id.isIntegralNumber() || id.asLong() < 1 || id.asLong() > 64) {
                throw new Rejected(DeadLetterReason.INVALID_FIELD, "consent.gppSid holds GPP section ids 1..64");
            }
            ids[i] = id.asInt();
        }
        return ids;
    }

    private static Interaction interaction(JsonNode root) {
        InteractionType type = enumValue(root, "type", InteractionType.class, DeadLetterReason.UNKNOWN_TYPE);
        String step = null;
        JsonNode stepNode = root.get("step");
        if (type == InteractionType.CHECKOUT_STEP || (stepNode != null && !stepNode.isNull())) {
            if (stepNode == null || stepNode.isNull()) {
                throw new Rejected(DeadLetterReason.MISSING_FIELD, "step is required for checkout_step");
            }
            step = checkoutStep(stepNode);
        }
        Page page = null;
        JsonNode pageNode = root.get("page");
        if (pageNode != null && !pageNode.isNull()) {
            if (!pageNode.isObject()) {
                throw new Rejected(DeadLetterReason.INVALID_FIELD, "page must be an object");
            }
            PageKind kind = pageNode.has("kind") && !pageNode.get("kind").isNull()
                    ? enumValue(pageNode, "kind", PageKind.class, DeadLetterReason.INVALID_FIELD)
                    : PageKind.OTHER;
            page = new Page(optionalString(pageNode, "url", MAX_URL_CHARS), kind);
        }
        Double depth = optionalFinite(root, "depth");
        if (depth != null && (depth < 0 || depth > 1)) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "depth must be within 0..1");
        }
        return new Interaction(type, step, page, optionalString(root, "target", MAX_TARGET_CHARS),
                optionalFinite(root, "value"), depth);
    }

    private TextMessage text(JsonNode root) {
        TextChannel channel = enumValue(root, "channel", TextChannel.class, DeadLetterReason.INVALID_FIELD);
        String text = requiredString(root, "text", Integer.MAX_VALUE);
        if (text.isBlank()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "text is blank");
        }
        if (text.length() > limits.maxTextChars()) {
            throw new Rejected(DeadLetterReason.TOO_LARGE,
                    "text has " + text.length() + " chars; limit " + limits.maxTextChars());
        }
        return new TextMessage(channel, text, text.length());
    }

    private MediaChunk media(JsonNode root, Consent consent) {
        MediaKind kind = enumValue(root, "kind", MediaKind.class, DeadLetterReason.UNKNOWN_TYPE);
        if (consent == null || !consent.biometric()) {
            // Checked before decoding: without consent the payload is not even looked at.
            throw new Rejected(DeadLetterReason.NO_BIOMETRIC_CONSENT, "media requires consent.biometric=true");
        }
        String encoded = requiredString(root, "data", Integer.MAX_VALUE);
        if ((long) encoded.length() * 3 / 4 > limits.maxMediaBytes() + 3L) {
            throw new Rejected(DeadLetterReason.TOO_LARGE, "media payload exceeds " + limits.maxMediaBytes() + " bytes");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new Rejected(DeadLetterReason.BAD_MEDIA, "data is not valid base64");
        }
        if (data.length == 0 || data.length > limits.maxMediaBytes()) {
            throw new Rejected(DeadLetterReason.BAD_MEDIA, "media payload must be 1.." + limits.maxMediaBytes() + " bytes");
        }
        if (kind == MediaKind.VIDEO_FRAME && !isJpeg(data)) {
            throw new Rejected(DeadLetterReason.BAD_MEDIA, "video_frame is not a JPEG (no SOI marker)");
        }
        if (kind == MediaKind.AUDIO_CHUNK && data.length % 2 != 0) {
            throw new Rejected(DeadLetterReason.BAD_MEDIA, "audio_chunk must be PCM16: even byte length");
        }
        return new MediaChunk(kind, optionalString(root, "mime", MAX_ID_CHARS), data, data.length);
    }

    private static OutcomeReport outcome(JsonNode root) {
        OutcomeType type = enumValue(root, "type", OutcomeType.class, DeadLetterReason.UNKNOWN_TYPE);
        Double value = optionalFinite(root, "value");
        if (value != null && value < 0) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "value must be >= 0");
        }
        String answer = optionalString(root, "answer", MAX_ANSWER_CHARS);
        if (type == OutcomeType.SURVEY && answer == null) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, "answer is required for survey outcomes");
        }
        return new OutcomeReport(type, value, answer, optionalString(root, "decisionId", MAX_ID_CHARS));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isJpeg(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
    }

    private static String requiredString(JsonNode node, String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, field + " is required");
        }
        return checkedString(value, field, maxChars);
    }

    /**
     * A step number 1..20 (Segment's spec) or a step name (Shopify's {@code shipping}, {@code payment}):
     * both are progress to the patterns; a number is kept in its decimal form.
     */
    private static String checkoutStep(JsonNode stepNode) {
        if (stepNode.isIntegralNumber()) {
            if (stepNode.asLong() < 1 || stepNode.asLong() > MAX_CHECKOUT_STEP) {
                throw new Rejected(DeadLetterReason.INVALID_FIELD, "step must be an integer 1.." + MAX_CHECKOUT_STEP
                        + " or a step name");
            }
            return Integer.toString(stepNode.asInt());
        }
        if (!stepNode.isTextual() || !STEP_NAME.matcher(stepNode.asText()).matches()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, "step must be an integer 1.." + MAX_CHECKOUT_STEP
                    + " or a step name of 1.." + MAX_STEP_NAME_CHARS + " letters, digits, '_', '-', '.' or spaces");
        }
        return stepNode.asText();
    }

    private static String optionalString(JsonNode node, String field, int maxChars) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : checkedString(value, field, maxChars);
    }

    private static String checkedString(JsonNode value, String field, int maxChars) {
        if (!value.isTextual()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, field + " must be a string");
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > maxChars) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, field + " must have 1.." + maxChars + " chars");
        }
        return text;
    }

    private static boolean optionalBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, field + " must be a boolean");
        }
        return value.asBoolean();
    }

    private static Double optionalFinite(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, field + " must be a finite number");
        }
        return value.asDouble();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type,
                                                   DeadLetterReason reasonIfUnknown) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, field + " is required");
        }
        if (!value.isTextual()) {
            throw new Rejected(DeadLetterReason.INVALID_FIELD, field + " must be a string");
        }
        String name = value.asText();
        // ASCII only: upper-casing would turn look-alikes such as "clıck" (dotless i) into CLICK.
        if (!ENUM_NAME.matcher(name).matches()) {
            throw new Rejected(reasonIfUnknown, "unknown " + field + ": " + clip(name));
        }
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected(reasonIfUnknown, "unknown " + field + ": " + clip(name));
        }
    }

    private ParsedRecord dead(DeadLetterReason reason, String detail, String source, String schema,
                              String eventId, String sessionId, long receivedAt, byte[] bytes, boolean redact) {
        return ParsedRecord.dead(DeadLetter.ofBytes(reason, detail, source, schema, eventId, sessionId,
                receivedAt, bytes, limits.deadLetterRawCap(), redact || looksLikeMedia(bytes)));
    }

    /** Media must never be copied into a dead letter, even when the record itself is broken. */
    private static boolean looksLikeMedia(byte[] bytes) {
        int scan = Math.min(bytes.length, 4096);
        return new String(bytes, 0, scan, StandardCharsets.ISO_8859_1).contains("media/v1");
    }

    private static String clip(String s) {
        if (s == null) {
            return "unreadable input";
        }
        if (s.length() <= MAX_DETAIL_CHARS) {
            return s;
        }
        int end = MAX_DETAIL_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair: half of one cannot be encoded
        }
        return s.substring(0, end) + "…";
    }

    private static String clipId(String id) {
        if (id == null || id.length() <= MAX_ID_CHARS) {
            return id;
        }
        int end = Character.isHighSurrogate(id.charAt(MAX_ID_CHARS - 1)) ? MAX_ID_CHARS - 1 : MAX_ID_CHARS;
        return id.substring(0, end);
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(IngestLimits.MAX_NESTING_DEPTH)
                            .maxStringLength(limits.maxRecordBytes())
                            .maxNumberLength(64)
                            .build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            mapper = JsonMapper.builder(factory)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build();
        }
        return mapper;
    }

    /** A validation failure; carries no stack trace because it is ordinary control flow here. */
    private static final class Rejected extends RuntimeException {
        private final DeadLetterReason reason;

        Rejected(DeadLetterReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
