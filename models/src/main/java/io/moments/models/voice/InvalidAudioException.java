package io.moments.models.voice;

/**
 * Thrown by {@link VoiceAnalyzer} for audio that violates the {@code media/v1} audio_chunk contract
 * (PCM16 little-endian, mono, 16 kHz, even byte length, 1 byte .. {@link Pcm16#MAX_BYTES}).
 * The caller turns it into a dead letter ({@code bad_media} / {@code too_large}) using {@link #reason()};
 * the message never contains audio bytes.
 */
public class InvalidAudioException extends IllegalArgumentException {

    /** Why the chunk was refused. {@link #wireName()} is a stable string for dead-letter details. */
    public enum Reason {
        EMPTY("empty"),
        ODD_LENGTH("odd_length"),
        TOO_LONG("too_long"),
        UNSUPPORTED_FORMAT("unsupported_format");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Reason reason;

    public InvalidAudioException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
