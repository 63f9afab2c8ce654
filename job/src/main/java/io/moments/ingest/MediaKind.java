package io.moments.ingest;

/** {@code media/v1} payload kinds: a JPEG camera frame or a PCM16 LE mono 16 kHz voice chunk. */
public enum MediaKind {
    VIDEO_FRAME, AUDIO_CHUNK
}
