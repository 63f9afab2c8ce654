package io.moments.ingest;

import io.moments.config.IngestLimits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    private static final long NOW = java.time.Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();
    private static final String HEAD = "\"eventId\":\"e1\",\"sessionId\":\"s1\",\"ts\":\"2026-11-20T10:00:00Z\"";
    private final EventParser parser = new EventParser(IngestLimits.DEFAULTS);

    private ParsedRecord parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), "interactions", false, NOW);
    }

    private DeadLetterReason reasonOf(String json) {
        ParsedRecord r = parse(json);
        assertThat(r.isValid()).as("expected a dead letter for %s", json).isFalse();
        return r.deadLetter().reason();
    }

    @Test
    void parsesAnInteractionWithPageAndConsent() {
        ParsedRecord r = parse("{\"schema\":\"interaction/v1\"," + HEAD + ",\"type\":\"page_view\","
                + "\"page\":{\"url\":\"https://shop.example/pricing\",\"kind\":\"pricing\"},"
                + "\"consent\":{\"tcf\":\"abc\",\"gpc\":true,\"biometric\":false},\"extra\":1}");
        assertThat(r.isValid()).isTrue();
        ShopperEvent e = r.event();
        assertThat(e.ts()).isEqualTo(java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(e.interaction().type()).isEqualTo(InteractionType.PAGE_VIEW);
        assertThat(e.interaction().pageKind()).isEqualTo(PageKind.PRICING);
        assertThat(e.consent()).isEqualTo(new Consent("abc", true, false));
    }

    @Test
    void readsGppSectionIdsAndTheRegionInUpperCase() {
        ShopperEvent e = parse("{\"schema\":\"interaction/v1\"," + HEAD + ",\"type\":\"click\","
                + "\"consent\":{\"gpp\":\"DBABBg~BUoAAABA.QA\",\"gppSid\":[8,7],\"region\":\"us-ca\"}}").event();
        assertThat(e.consent().gpp()).isEqualTo("DBABBg~BUoAAABA.QA");
        assertThat(e.consent().gppSid()).containsExactly(8, 7);
        assertThat(e.consent().region()).isEqualTo("US-CA");
        // A GPP string that does not decode is not the parser's business: the event is valid, consent judges it.
        assertThat(parse("{\"schema\":\"interaction/v1\"," + HEAD + ",\"type\":\"click\",\"consent\":{\"gpp\":\"%%%\"}}")
                .isValid()).isTrue();
    }

    @Test
    void acceptsACheckoutStepByNumberOrByName() {
        ParsedRecord number = parse("{\"schema\":\"interaction/v1\"," + HEAD + ",\"type\":\"checkout_step\",\"step\":3}");
        assertThat(number.event().interaction().step()).isEqualTo("3");
        ParsedRecord name = parse("{\"schema\":\"interaction/v1\"," + HEAD
                + ",\"type\":\"checkout_step\",\"step\":\"shipping_method\"}");
        assertThat(name.event().interaction().step()).isEqualTo("shipping_method");
        assertThat(io.moments.sink.JsonCodec.eventJson(number.event())).contains("\"step\":3");
        assertThat(io.moments.sink.JsonCodec.eventJson(name.event())).contains("\"step\":\"shipping_method\"");
        String tooLong = "s".repeat(65);
        assertThat(reasonOf("{\"schema\":\"interaction/v1\"," + HEAD + ",\"type\":\"checkout_step\",\"step\":\""
                + tooLong + "\"}")).isEqualTo(DeadLetterReason.INVALID_FIELD);
    }

    @Test
    void acceptsEpochMillisAndOffsets() {
        ParsedRecord millis = parse("{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\","
                + "\"ts\":1763632800000,\"type\":\"click\"}");
        ParsedRecord offset = parse("{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\","
                + "\"ts\":\"2025-11-20T11:00:00+01:00\",\"type\":\"click\"}");
        assertThat(millis.event().ts()).isEqualTo(1763632800000L);
        assertThat(offset.event().ts()).isEqualTo(1763632800000L);
        assertThat(millis.event().consent()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                          | NOT_JSON",
            "{\"schema\":\"interaction/v1\"           | NOT_JSON",
            "[1,2,3]                                  | NOT_AN_OBJECT",
            "{\"eventId\":\"e\"}                      | MISSING_FIELD",
            "{\"schema\":\"click/v9\"}                | UNKNOWN_SCHEMA",
            "{\"schema\":\"interaction/v1\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\"} | MISSING_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"ts\":1763632800000,\"type\":\"click\"} | MISSING_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"type\":\"click\"} | MISSING_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"a b\",\"ts\":1763632800000,\"type\":\"click\"} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":7,\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\"} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":\"yesterday\",\"type\":\"click\"} | INVALID_TS",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":\"2026-11-20T10:00:00\",\"type\":\"click\"} | INVALID_TS",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1.5,\"type\":\"click\"} | INVALID_TS",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":\"1990-01-01T00:00:00Z\",\"type\":\"click\"} | TS_OUT_OF_RANGE",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":\"2099-01-01T00:00:00Z\",\"type\":\"click\"} | TS_OUT_OF_RANGE",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"teleport\"} | UNKNOWN_TYPE",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"CLICK\"} | UNKNOWN_TYPE",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"cl\u0131ck\"} | UNKNOWN_TYPE",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"checkout_step\"} | MISSING_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"checkout_step\",\"step\":99} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"checkout_step\",\"step\":\"\"} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"checkout_step\",\"step\":\"<pay>\"} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"checkout_step\",\"step\":true} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"page\":{\"kind\":\"moon\"}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"scroll\",\"depth\":3} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"value\":NaN} | NOT_JSON",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"eventId\":\"f\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\"} | NOT_JSON",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\"} trailing | NOT_JSON",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"gpc\":\"yes\"}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"gppSid\":[\"usca\"]}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"gppSid\":[0]}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"gppSid\":7}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"gpp\":17}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"region\":\"California\"}} | INVALID_FIELD",
            "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"click\",\"consent\":{\"region\":\"U$\"}} | INVALID_FIELD",
            "{\"schema\":\"text/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"channel\":\"chat\",\"text\":\"   \"} | INVALID_FIELD",
            "{\"schema\":\"text/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"channel\":\"fax\",\"text\":\"hi\"} | INVALID_FIELD",
            "{\"schema\":\"outcome/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"survey\"} | MISSING_FIELD",
            "{\"schema\":\"outcome/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"purchase\",\"value\":-3} | INVALID_FIELD",
    })
    void rejectsWithTheRightReason(String json, DeadLetterReason expected) {
        assertThat(reasonOf(json)).isEqualTo(expected);
    }

    @Test
    void rejectsHostileNestingWithoutBlowingTheStack() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(reasonOf(deep)).isEqualTo(DeadLetterReason.NOT_JSON);
    }

    @Test
    void oversizedRecordsKeepOnlyACappedCopy() {
        String huge = "{\"schema\":\"text/v1\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}";
        ParsedRecord r = parse(huge);
        assertThat(r.deadLetter().reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(r.deadLetter().truncated()).isTrue();
        assertThat(r.deadLetter().raw()).hasSize(IngestLimits.DEFAULTS.deadLetterRawCap());
        assertThat(r.deadLetter().rawBytes()).isEqualTo(huge.length());
    }

    @Test
    void tooLongTextIsTooLarge() {
        String json = "{\"schema\":\"text/v1\"," + HEAD + ",\"channel\":\"chat\",\"text\":\"" + "a".repeat(4_001) + "\"}";
        assertThat(reasonOf(json)).isEqualTo(DeadLetterReason.TOO_LARGE);
    }

    @Test
    void keepsNonUtf8BytesAsBase64() {
        byte[] bytes = {(byte) 0xC3, (byte) 0x28, '{'};
        ParsedRecord r = parser.parse(bytes, "interactions", false, NOW);
        assertThat(r.deadLetter().raw()).isNull();
        assertThat(Base64.getDecoder().decode(r.deadLetter().rawBase64())).isEqualTo(bytes);
    }

    @Test
    void mediaWithoutBiometricConsentIsRefusedAndNeverCopied() {
        String json = media("video_frame", jpeg(), false);
        ParsedRecord r = parser.parse(json.getBytes(StandardCharsets.UTF_8), "media", true, NOW);
        assertThat(r.deadLetter().reason()).isEqualTo(DeadLetterReason.NO_BIOMETRIC_CONSENT);
        assertThat(r.deadLetter().redacted()).isTrue();
        assertThat(r.deadLetter().raw()).isNull();
        assertThat(r.deadLetter().rawBase64()).isNull();
        assertThat(r.deadLetter().rawSha256()).hasSize(64);
    }

    @Test
    void badMediaIsRefusedAndRedactedEvenFromAFile() {
        byte[] notJpeg = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
        ParsedRecord corrupt = parser.parse(media("video_frame", notJpeg, true).getBytes(StandardCharsets.UTF_8), "f.jsonl", false, NOW);
        ParsedRecord oddPcm = parser.parse(media("audio_chunk", new byte[3], true).getBytes(StandardCharsets.UTF_8), "f.jsonl", false, NOW);
        ParsedRecord notBase64 = parser.parse(media("audio_chunk", null, true).getBytes(StandardCharsets.UTF_8), "f.jsonl", false, NOW);
        for (ParsedRecord r : List.of(corrupt, oddPcm, notBase64)) {
            assertThat(r.deadLetter().reason()).isEqualTo(DeadLetterReason.BAD_MEDIA);
            assertThat(r.deadLetter().redacted()).isTrue();
            assertThat(r.deadLetter().raw()).isNull();
        }
    }

    @Test
    void consentedMediaIsDecodedAndDroppedByWithoutContent() {
        ParsedRecord r = parser.parse(media("video_frame", jpeg(), true).getBytes(StandardCharsets.UTF_8), "media", true, NOW);
        assertThat(r.isValid()).isTrue();
        assertThat(r.event().media().data()).isEqualTo(jpeg());
        ShopperEvent stripped = r.event().withoutContent();
        assertThat(stripped.media().data()).isNull();
        assertThat(stripped.media().size()).isEqualTo(jpeg().length);
    }

    /** The committed contract examples and the parser agree on what is valid. */
    @Test
    void agreesWithTheContractExamples() throws IOException {
        Path examples = Path.of("src/main/resources/contracts/examples");
        int valid = 0;
        int invalid = 0;
        try (Stream<Path> files = Files.list(examples.resolve("valid"))) {
            for (Path f : files.filter(EventParserTest::isInputExample).toList()) {
                ParsedRecord r = parser.parse(Files.readAllBytes(f), f.getFileName().toString(), false, NOW);
                if (f.getFileName().toString().contains("without-biometric-consent")) {
                    assertThat(r.deadLetter().reason()).isEqualTo(DeadLetterReason.NO_BIOMETRIC_CONSENT);
                } else {
                    assertThat(r.isValid()).as("%s: %s", f, r.deadLetter()).isTrue();
                }
                valid++;
            }
        }
        try (Stream<Path> files = Files.list(examples.resolve("invalid"))) {
            for (Path f : files.filter(EventParserTest::isInputExample).toList()) {
                ParsedRecord r = parser.parse(Files.readAllBytes(f), f.getFileName().toString(), false, NOW);
                assertThat(r.isValid()).as("%s should be rejected", f).isFalse();
                invalid++;
            }
        }
        assertThat(valid).isGreaterThanOrEqualTo(8);
        assertThat(invalid).isGreaterThanOrEqualTo(15);
    }

    private static boolean isInputExample(Path f) {
        String name = f.getFileName().toString();
        return name.startsWith("interaction-") || name.startsWith("text-") || name.startsWith("media-")
                || name.startsWith("outcome-");
    }

    private static byte[] jpeg() {
        return new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    }

    private static String media(String kind, byte[] data, boolean biometric) {
        String encoded = data == null ? "%%%not-base64%%%" : Base64.getEncoder().encodeToString(data);
        return "{\"schema\":\"media/v1\"," + HEAD + ",\"kind\":\"" + kind + "\",\"data\":\"" + encoded
                + "\",\"consent\":{\"biometric\":" + biometric + "}}";
    }

    @Test
    void clippedDetailsNeverSplitASurrogatePair() {
        // An unknown type of 199 letters and an emoji: the 200-char clip falls inside the emoji.
        String type = "a".repeat(199) + "\uD83D\uDE00";
        DeadLetter d = parse("{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,"
                + "\"type\":\"" + type + "\"}").deadLetter();
        for (int i = 0; i < d.detail().length(); i++) {
            char c = d.detail().charAt(i);
            assertThat(Character.isHighSurrogate(c) && (i + 1 == d.detail().length()
                    || !Character.isLowSurrogate(d.detail().charAt(i + 1)))).as("lone surrogate at %d", i).isFalse();
        }
    }
}
