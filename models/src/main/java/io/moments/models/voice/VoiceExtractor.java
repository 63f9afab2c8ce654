package io.moments.models.voice;

import io.moments.models.DjlDefaults;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Step 1 of the voice model: a PCM16 chunk → Silero VAD (DJL, OnnxRuntime) → speech segments → prosody
 * ({@link ProsodyExtractor}) → a {@link ProsodySample}. Stateless: nothing here depends on the session, so it
 * runs where the audio is (the job's inference operator), and the audio is dropped after it. Step 2, the
 * session normalisation and the scores, is {@link VoiceAnalyzer#score}.
 *
 * <p>Loads the VAD once; thread-safe: each calling thread gets its own DJL predictor (created on first use,
 * all closed by {@link #close()}). The Silero state is reset for every chunk.
 */
public final class VoiceExtractor implements AutoCloseable {

    private final VadSettings vadSettings;
    private final SileroVad vad;
    private final Queue<AutoCloseable> runners = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<SileroVad.Runner> local;
    private volatile boolean closed;

    /** A chunk's speech segments (samples, [start, end)) and its sample. */
    record Extracted(List<int[]> segments, ProsodySample sample) {
    }

    public VoiceExtractor() {
        this(VadSettings.DEFAULTS);
    }

    public VoiceExtractor(VadSettings vadSettings) {
        DjlDefaults.apply();
        this.vadSettings = vadSettings;
        this.vad = SileroVad.load();
        this.local = ThreadLocal.withInitial(() -> {
            SileroVad.Runner r = vad.newRunner();
            runners.add(r);
            return r;
        });
    }

    /**
     * One chunk's sample.
     *
     * @param pcm16le PCM16 little-endian mono 16 kHz, 2 .. 524,288 bytes
     * @throws InvalidAudioException for empty, odd-length or too long input
     */
    public ProsodySample extract(byte[] pcm16le) {
        return extractAll(List.of(pcm16le)).get(0);
    }

    /**
     * Several chunks (normally of different sessions) with one batched VAD pass. Every chunk is validated
     * first; the first invalid one throws (its index is in the message), so callers that want per-chunk dead
     * letters call {@link Pcm16#validate} on each before batching.
     */
    public List<ProsodySample> extractAll(List<byte[]> chunks) {
        List<float[]> audios = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                audios.add(Pcm16.decode(chunks.get(i)));
            } catch (InvalidAudioException e) {
                throw new InvalidAudioException(e.reason(), "chunk " + i + ": " + e.getMessage());
            }
        }
        List<ProsodySample> out = new ArrayList<>(audios.size());
        for (Extracted e : extractSamples(audios)) {
            out.add(e.sample());
        }
        return out;
    }

    /** The same for already decoded 16 kHz samples, with the segments (for {@link VoiceAnalyzer}). */
    List<Extracted> extractSamples(List<float[]> audios) {
        if (closed) {
            throw new IllegalStateException("VoiceExtractor is closed");
        }
        if (audios.isEmpty()) {
            return List.of();
        }
        List<float[]> probabilities = local.get().probabilities(audios);
        List<Extracted> out = new ArrayList<>(audios.size());
        for (int i = 0; i < audios.size(); i++) {
            float[] x = audios.get(i);
            List<int[]> segments = SileroVad.segments(probabilities.get(i), x.length, vadSettings);
            out.add(new Extracted(segments, ProsodyExtractor.sample(x, segments)));
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        AutoCloseable c;
        while ((c = runners.poll()) != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing native handles; nothing useful to do on failure
            }
        }
        vad.close();
    }
}
