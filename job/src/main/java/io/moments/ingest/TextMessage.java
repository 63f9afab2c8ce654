package io.moments.ingest;

/**
 * The {@code text/v1} specific part of an event. {@code text} is cleared (null) once the message has
 * been scored, so message content never reaches session state or checkpoints; {@code length} stays.
 */
public record TextMessage(TextChannel channel, String text, int length) {

    public TextMessage withoutContent() {
        return new TextMessage(channel, null, length);
    }
}
