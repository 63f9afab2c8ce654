package io.moments.models.voice;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a WAV file (javax.sound.sampled) into 16 kHz mono samples for offline scoring.
 *
 * <p>Accepted: any PCM WAV the JDK can decode (8/16/24/32-bit integer, signed or unsigned, either byte order;
 * 32-bit float), any channel count, any sample rate from 8 kHz up. Channels are averaged to mono; other rates
 * are resampled to 16 kHz with a windowed-sinc (Hann, 16 zero crossings) low-pass interpolator. Compressed
 * WAV (µ-law, ADPCM, ...) is converted by the JDK where it can; otherwise {@code UNSUPPORTED_FORMAT}.
 *
 * @param samples      16 kHz mono samples in [-1, 1]
 * @param sourceFormat the file's format as the JDK describes it
 */
public record WavAudio(float[] samples, String sourceFormat) {

    public static final int MIN_RATE = 8000;

    public static WavAudio read(Path wav) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(wav));
             AudioInputStream ais = AudioSystem.getAudioInputStream(in)) {
            AudioFormat src = ais.getFormat();
            if (src.getSampleRate() < MIN_RATE || src.getChannels() < 1) {
                throw new InvalidAudioException(InvalidAudioException.Reason.UNSUPPORTED_FORMAT,
                        "need at least " + MIN_RATE + " Hz and one channel: " + src);
            }
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16,
                    src.getChannels(), 2 * src.getChannels(), src.getSampleRate(), false);
            AudioInputStream conv;
            try {
                conv = matches(src, pcm) ? ais : AudioSystem.getAudioInputStream(pcm, ais);
            } catch (IllegalArgumentException e) {
                throw new InvalidAudioException(InvalidAudioException.Reason.UNSUPPORTED_FORMAT,
                        "cannot convert " + src + " to PCM16");
            }
            byte[] bytes = conv.readAllBytes();
            int channels = src.getChannels();
            int frames = bytes.length / (2 * channels);
            float[] mono = new float[frames];
            for (int i = 0; i < frames; i++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    int o = 2 * (i * channels + c);
                    sum += (short) ((bytes[o + 1] << 8) | (bytes[o] & 0xff)) / 32768.0;
                }
                mono[i] = (float) (sum / channels);
            }
            float rate = src.getSampleRate();
            float[] out = Math.round(rate) == Pcm16.SAMPLE_RATE ? mono : resample(mono, rate, Pcm16.SAMPLE_RATE);
            return new WavAudio(out, src.toString());
        } catch (UnsupportedAudioFileException e) {
            throw new InvalidAudioException(InvalidAudioException.Reason.UNSUPPORTED_FORMAT,
                    "not a readable WAV file: " + e.getMessage());
        }
    }

    private static boolean matches(AudioFormat a, AudioFormat b) {
        return a.getEncoding().equals(b.getEncoding()) && a.getSampleSizeInBits() == b.getSampleSizeInBits()
                && a.isBigEndian() == b.isBigEndian();
    }

    /** Band-limited resampling (windowed sinc, Hann window, 16 zero crossings each side). */
    static float[] resample(float[] x, double fromRate, double toRate) {
        double ratio = toRate / fromRate;
        int n = (int) Math.floor(x.length * ratio);
        float[] y = new float[n];
        double cutoff = Math.min(1.0, ratio); // relative to the input Nyquist
        int zeros = 16;
        double halfWidth = zeros / cutoff; // in input samples
        for (int i = 0; i < n; i++) {
            double t = i / ratio;
            int from = (int) Math.ceil(t - halfWidth);
            int to = (int) Math.floor(t + halfWidth);
            double sum = 0;
            for (int k = Math.max(0, from); k <= Math.min(x.length - 1, to); k++) {
                double d = (t - k) * cutoff;
                double sinc = d == 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
                double w = 0.5 + 0.5 * Math.cos(Math.PI * d / zeros);
                sum += x[k] * sinc * w * cutoff;
            }
            y[i] = (float) sum;
        }
        return y;
    }
}
