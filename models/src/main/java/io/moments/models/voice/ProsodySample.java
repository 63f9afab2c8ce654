package io.moments.models.voice;

/**
 * What step 1 of the voice model ({@link VoiceExtractor}) measures in one chunk on its own, before any session
 * history: numbers only, never audio. Step 2 ({@link VoiceAnalyzer#score}) joins it with the session's
 * {@link VoiceBaseline}: the silence carried over from the session's previous chunk completes the pause
 * features ({@link #features}), then the baseline normalises and the logistic layer scores them.
 *
 * <p>Everything here is independent of the session, so the sample can be measured where the audio is (the
 * job's inference operator, before the stream is keyed by session) and scored where the baseline is (the
 * session stage). All components are primitives: Flink's record serializer carries it, no Kryo.
 *
 * @param durationMs        length of the chunk
 * @param speechMs          total length of the VAD speech segments
 * @param segments          number of speech segments (0: no speech in the chunk)
 * @param leadingSilenceMs  silence before the first segment ({@code durationMs} when there is none)
 * @param trailingSilenceMs silence after the last segment ({@code durationMs} when there is none)
 * @param innerPauses       counted pauses ({@value ProsodyExtractor#MIN_PAUSE_MS} ms to
 *                          {@value ProsodyExtractor#MAX_PAUSE_MS} ms) between the chunk's own segments
 * @param innerPauseMs      their total length
 * @param syllables         syllable nuclei found
 * @param voicedFrames      10 ms frames with a YIN pitch
 * @param pitchHz           median F0 in Hz (NaN if fewer than 5 voiced frames)
 * @param syllableRate      syllable nuclei per second of speech (NaN below 500 ms of speech)
 * @param energyDb          speech level, dB re full scale (NaN below 200 ms of speech)
 * @param energySdDb        spread of frame levels over active speech frames
 * @param energySlopeDbPerS level trend over voiced frames
 * @param pitchSt           median F0 in semitones re 100 Hz
 * @param pitchSdSt         spread of F0 in semitones
 */
public record ProsodySample(
        long durationMs, long speechMs, int segments, long leadingSilenceMs, long trailingSilenceMs,
        int innerPauses, long innerPauseMs, int syllables, int voicedFrames, double pitchHz,
        double syllableRate, double energyDb, double energySdDb, double energySlopeDbPerS, double pitchSt,
        double pitchSdSt) {

    /**
     * The chunk's features once the silence carried from the session's previous chunk is known: a pause
     * that began there and ends here ({@code carriedSilenceMs} + {@link #leadingSilenceMs}) counts once, in
     * this chunk; a chunk without speech lengthens the carried silence instead.
     *
     * @param carriedSilenceMs silence at the end of the session's previous chunk after speech, or -1 if the
     *                         session has had no speech yet (or the previous chunk does not join on)
     */
    public ProsodyFeatures features(long carriedSilenceMs) {
        int pauses = innerPauses;
        long total = innerPauseMs;
        long trailing;
        if (segments == 0) {
            trailing = carriedSilenceMs < 0 ? -1
                    : Math.min(ProsodyExtractor.MAX_CARRIED_SILENCE_MS, carriedSilenceMs + durationMs);
        } else {
            if (carriedSilenceMs >= 0) {
                long across = carriedSilenceMs + leadingSilenceMs;
                if (ProsodyExtractor.countsAsPause(across)) {
                    pauses++;
                    total += across;
                }
            }
            trailing = trailingSilenceMs;
        }
        double ratio = Double.NaN;
        double meanMs = Double.NaN;
        if (speechMs >= ProsodyExtractor.MIN_SPEECH_MS_RATE) {
            ratio = (double) total / (total + speechMs);
            meanMs = pauses == 0 ? 0 : (double) total / pauses;
        }
        return new ProsodyFeatures(durationMs, speechMs, pauses, syllables, voicedFrames, pitchHz, trailing,
                ratio, meanMs, syllableRate, energyDb, energySdDb, energySlopeDbPerS, pitchSt, pitchSdSt);
    }
}
