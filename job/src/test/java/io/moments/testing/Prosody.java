package io.moments.testing;

import io.moments.models.voice.ProsodySample;

/** Voice chunks as the inference operator hands them on: prosody numbers, no audio. */
public final class Prosody {

    private Prosody() {}

    /**
     * A 1 s chunk of a voice at {@code pitchSt} semitones re 100 Hz, with silence {@code leadingMs} before
     * its speech and {@code trailingMs} after it; the other features at ordinary conversational values.
     */
    public static ProsodySample chunk(double pitchSt, long leadingMs, long trailingMs) {
        long speech = 1000 - leadingMs - trailingMs;
        return new ProsodySample(1000, speech, 1, leadingMs, trailingMs, 0, 0, 4, 70,
                100 * Math.pow(2, pitchSt / 12), 4.5, -24, 7, -2, pitchSt, 2.2);
    }
}
