package io.moments.models.voice;

/** The audio_chunk contract: PCM16 little-endian, mono, 16 kHz; validation and decoding. */
public final class Pcm16 {

    public static final int SAMPLE_RATE = 16_000;
    /** Largest accepted chunk: 512 KiB = 262,144 samples = 16.384 s (the {@code media/v1} bound). */
    public static final int MAX_BYTES = 512 * 1024;

    private Pcm16() {
    }

    /**
     * Checks a chunk against the contract.
     *
     * @throws InvalidAudioException EMPTY (null or 0 bytes), ODD_LENGTH, TOO_LONG (&gt; {@link #MAX_BYTES})
     */
    public static void validate(byte[] pcm16le) {
        if (pcm16le == null || pcm16le.length == 0) {
            throw new InvalidAudioException(InvalidAudioException.Reason.EMPTY, "audio chunk is empty");
        }
        if ((pcm16le.length & 1) != 0) {
            throw new InvalidAudioException(InvalidAudioException.Reason.ODD_LENGTH,
                    "PCM16 audio needs an even byte length, got " + pcm16le.length);
        }
        if (pcm16le.length > MAX_BYTES) {
            throw new InvalidAudioException(InvalidAudioException.Reason.TOO_LONG,
                    "audio chunk of " + pcm16le.length + " bytes exceeds " + MAX_BYTES);
        }
    }

    /** Validates, then decodes to floats in [-1, 1). */
    public static float[] decode(byte[] pcm16le) {
        validate(pcm16le);
        float[] out = new float[pcm16le.length / 2];
        for (int i = 0; i < out.length; i++) {
            int lo = pcm16le[2 * i] & 0xff;
            int hi = pcm16le[2 * i + 1];
            out[i] = (short) ((hi << 8) | lo) / 32768f;
        }
        return out;
    }

    /** Encodes floats (clipped to [-1, 1]) as PCM16 little-endian; for tests and the WAV reader. */
    public static byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float v = Math.max(-1f, Math.min(1f, samples[i]));
            int s = Math.round(v * 32767f);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    /** Milliseconds for a sample count at 16 kHz. */
    public static long ms(long samples) {
        return samples * 1000L / SAMPLE_RATE;
    }
}
