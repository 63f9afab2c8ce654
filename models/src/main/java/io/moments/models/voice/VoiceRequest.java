package io.moments.models.voice;

/** One chunk to analyse in a batch: PCM16 LE mono 16 kHz bytes and its session's baseline. */
public record VoiceRequest(byte[] pcm16le, VoiceBaseline baseline) {
}
