package io.moments.models.voice;

/** A stretch of speech found by the VAD, in milliseconds from the start of the analysed audio. */
public record SpeechSegment(long startMs, long endMs) {

    public SpeechSegment {
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("bad segment " + startMs + ".." + endMs);
        }
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
