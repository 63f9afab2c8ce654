package io.moments.models.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The committed WAV fixtures (models/voice/testdata, made by models/voice/scripts/make_fixtures.sh) and synthetic signals. */
final class Fixtures {

    static final Path DIR = Path.of("voice", "testdata");

    private Fixtures() {
    }

    /** The parent POM points java.io.tmpdir at target/tmp: make sure it exists before ONNX Runtime unpacks. */
    static void ensureTmpDir() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path wav(String name) {
        return DIR.resolve(name + ".wav");
    }

    static float[] samples(String name) {
        try {
            return WavAudio.read(wav(name)).samples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pcm(String name) {
        return Pcm16.encode(samples(name));
    }

    static float[] tone(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * Pcm16.SAMPLE_RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / Pcm16.SAMPLE_RATE));
        }
        return x;
    }

    /** A voice-like periodic signal: harmonics 1..10 with 1/k amplitudes (a band-limited sawtooth). */
    static float[] buzz(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * Pcm16.SAMPLE_RATE)];
        for (int i = 0; i < x.length; i++) {
            double v = 0;
            for (int k = 1; k <= 10 && k * hz < Pcm16.SAMPLE_RATE / 2.0; k++) {
                v += Math.sin(2 * Math.PI * k * hz * i / Pcm16.SAMPLE_RATE) / k;
            }
            x[i] = (float) (amplitude * v / 2);
        }
        return x;
    }

    static float[] whiteNoise(double seconds, double rms, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * Pcm16.SAMPLE_RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * rms);
        }
        return x;
    }

    /** Brown-ish noise (integrated white noise, leaky), like fan/traffic rumble. */
    static float[] brownNoise(double seconds, double rms, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * Pcm16.SAMPLE_RATE)];
        double v = 0;
        double sumSq = 0;
        for (int i = 0; i < x.length; i++) {
            v = 0.995 * v + r.nextGaussian();
            x[i] = (float) v;
            sumSq += v * v;
        }
        double scale = rms / Math.sqrt(sumSq / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) scale;
        }
        return x;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
