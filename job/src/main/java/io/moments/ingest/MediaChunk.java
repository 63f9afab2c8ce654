package io.moments.ingest;

/**
 * The {@code media/v1} specific part of an event. {@code data} holds the decoded payload only between
 * the parser and the (chained) inference step; it is dropped before any keyed state or sink.
 */
public record MediaChunk(MediaKind kind, String mime, byte[] data, int size) {

    public MediaChunk withoutPayload() {
        return new MediaChunk(kind, mime, null, size);
    }
}
