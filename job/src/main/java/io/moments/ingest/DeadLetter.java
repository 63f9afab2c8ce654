package io.moments.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A record the job could not use, with the reason and the original bytes ({@code dead-letter/v1}).
 * The original is kept as UTF-8 text when it is valid UTF-8, else base64; it is cut at a cap
 * ({@code truncated}). Media records are never copied: only their size and SHA-256 ({@code redacted}).
 */
public record DeadLetter(
        DeadLetterReason reason,
        String detail,
        String source,
        String sourceSchema,
        String eventId,
        String sessionId,
        long receivedAt,
        int rawBytes,
        String raw,
        String rawBase64,
        boolean redacted,
        boolean truncated,
        String rawSha256) {

    public static final String SCHEMA = "dead-letter/v1";

    /** A dead letter carrying (a capped copy of) the original bytes, or only their digest when redacted. */
    public static DeadLetter ofBytes(
            DeadLetterReason reason, String detail, String source, String sourceSchema,
            String eventId, String sessionId, long receivedAt, byte[] bytes, int rawCap, boolean redact) {
        String sha = sha256(bytes);
        if (redact) {
            return new DeadLetter(reason, detail, source, sourceSchema, eventId, sessionId, receivedAt,
                    bytes.length, null, null, true, false, sha);
        }
        boolean truncated = bytes.length > rawCap;
        byte[] kept = truncated ? Arrays.copyOf(bytes, rawCap) : bytes;
        String text = utf8OrNull(kept);
        return new DeadLetter(reason, detail, source, sourceSchema, eventId, sessionId, receivedAt,
                bytes.length, text, text == null ? Base64.getEncoder().encodeToString(kept) : null,
                false, truncated, sha);
    }

    /** A dead letter for a record that parsed but was refused later (duplicate, late). */
    public static DeadLetter ofEvent(DeadLetterReason reason, String detail, String source, ShopperEvent event,
                                     String eventJson, long receivedAt) {
        byte[] bytes = eventJson.getBytes(StandardCharsets.UTF_8);
        boolean contentRemoved = event.text() != null || event.media() != null;
        return new DeadLetter(reason, detail, source, event.schema(), event.eventId(), event.sessionId(),
                receivedAt, bytes.length, eventJson, null, contentRemoved, false, sha256(bytes));
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
