package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.inference.Scorer;
import io.moments.inference.ModelScorer;
import io.moments.ingest.Consent;
import io.moments.ingest.MediaChunk;
import io.moments.ingest.MediaKind;
import io.moments.ingest.ShopperEvent;
import io.moments.ingest.TextChannel;
import io.moments.ingest.TextMessage;
import io.moments.models.voice.Pcm16;
import io.moments.models.voice.WavAudio;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The inputs of {@code bench inference}, from the files committed for the models' own tests: the
 * labelled shopper utterances in plain style (text), the face photos (image) and the voice WAVs cut into 1 s
 * chunks (audio). Item {@code i} is input {@code i mod inputs}, as a consented event ready for the
 * inference operator; every way of the benchmark sees the same items in the same order.
 */
public final class InferenceItems implements GeneratorFunction<Long, ShopperEvent> {

    /** The modalities, each with the job's scorer for it. */
    public enum Modality {
        TEXT, IMAGE, AUDIO;

        public static Modality parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("modality must be text, image or audio: " + name);
            }
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Scorer newScorer() {
            return switch (this) {
                case TEXT -> ModelScorer.of(io.moments.models.Modality.TEXT);
                case IMAGE -> ModelScorer.of(io.moments.models.Modality.FACE);
                case AUDIO -> ModelScorer.of(io.moments.models.Modality.VOICE);
            };
        }
    }

    private static final long START = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final Consent CONSENTED = new Consent(null, false, true);

    private final Modality modality;
    // Plain arrays, not events: the generator is Java-serialized into the job graph.
    private final String[] texts;
    private final byte[][] payloads;

    private InferenceItems(Modality modality, String[] texts, byte[][] payloads) {
        this.modality = modality;
        this.texts = texts;
        this.payloads = payloads;
    }

    /**
     * Reads the inputs of a modality.
     *
     * @param modelsDir the repository's {@code models} directory
     */
    public static InferenceItems load(Modality modality, Path modelsDir) {
        try {
            return switch (modality) {
                case TEXT -> new InferenceItems(modality, utterances(modelsDir.resolve("text/data/utterances.jsonl")), null);
                case IMAGE -> new InferenceItems(modality, null, jpegs(modelsDir.resolve("face/testdata")));
                case AUDIO -> new InferenceItems(modality, null, oneSecondChunks(modelsDir.resolve("voice/testdata")));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + modality.wireName() + " inputs under " + modelsDir, e);
        }
    }

    public Modality modality() {
        return modality;
    }

    /** How many different inputs the items cycle through. */
    public int distinct() {
        return texts != null ? texts.length : payloads.length;
    }

    /** Mean size of an input: characters of text, or bytes of JPEG / PCM. */
    public double meanInputSize() {
        if (texts != null) {
            return Arrays.stream(texts).mapToInt(String::length).average().orElse(0);
        }
        return Arrays.stream(payloads).mapToInt(p -> p.length).average().orElse(0);
    }

    /** Items {@code from} (inclusive) to {@code to} (exclusive), for the loop without Flink. */
    public List<ShopperEvent> items(long from, long to) {
        List<ShopperEvent> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            out.add(item(i));
        }
        return out;
    }

    @Override
    public ShopperEvent map(Long index) {
        return item(index);
    }

    ShopperEvent item(long i) {
        int k = (int) (i % distinct());
        String id = "bench-" + i;
        // 100 ms apart in event time; the watermark strategy is the job's (bounded, periodic).
        long ts = START + i * 100;
        if (modality == Modality.TEXT) {
            String text = texts[k];
            return new ShopperEvent(ShopperEvent.TEXT, id, "s-" + i, ts, null, CONSENTED, null,
                    new TextMessage(TextChannel.CHAT, text, text.length()), null, null, null);
        }
        MediaKind kind = modality == Modality.IMAGE ? MediaKind.VIDEO_FRAME : MediaKind.AUDIO_CHUNK;
        String mime = modality == Modality.IMAGE ? "image/jpeg" : "audio/pcm";
        byte[] data = payloads[k];
        return new ShopperEvent(ShopperEvent.MEDIA, id, "s-" + i, ts, null, CONSENTED, null, null,
                new MediaChunk(kind, mime, data, data.length), null, null);
    }

    private static String[] utterances(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                // plain style only: the short messages every release was measured on (the noisy
                // and long styles added for calibration would change the mix, not the model)
                if ("plain".equals(n.path("style").asText())) {
                    out.add(n.get("text").asText());
                }
            }
        }
        return out.toArray(String[]::new);
    }

    private static byte[][] jpegs(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path p : sorted(dir, ".jpg")) {
            out.add(Files.readAllBytes(p));
        }
        return out.toArray(byte[][]::new);
    }

    /** Every whole second of every WAV, as the PCM16 LE 16 kHz bytes of an audio_chunk. */
    private static byte[][] oneSecondChunks(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path p : sorted(dir, ".wav")) {
            float[] samples = WavAudio.read(p).samples();
            for (int from = 0; from + Pcm16.SAMPLE_RATE <= samples.length; from += Pcm16.SAMPLE_RATE) {
                out.add(Pcm16.encode(Arrays.copyOfRange(samples, from, from + Pcm16.SAMPLE_RATE)));
            }
        }
        return out.toArray(byte[][]::new);
    }

    private static List<Path> sorted(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (out.isEmpty()) {
                throw new IOException("no " + suffix + " files in " + dir);
            }
            return out;
        }
    }
}
