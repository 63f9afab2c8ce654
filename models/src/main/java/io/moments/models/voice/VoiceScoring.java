package io.moments.models.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline scoring of WAV files, behind {@code ./moments score audio FILE.wav}: one JSON object per file, on
 * one line.
 *
 * <p>The file is read with {@link WavAudio} (any PCM WAV; mixed to mono and resampled to 16 kHz), cut into
 * consecutive chunks of {@value #CHUNK_MS} ms and analysed in order as one session, exactly as the job
 * analyses a session's audio chunks: the baseline starts empty, so the first chunks are judged against the
 * population priors. Output:
 * <pre>{@code
 * {"file":"a.wav","sourceFormat":"PCM_SIGNED 22050.0 Hz, 16 bit, mono, ...","durationMs":5006,
 *  "speechMs":4702,"segments":[{"startMs":30,"endMs":4980}],
 *  "labels":{"hesitation":0.04,"frustration":0.10},"labelConfidence":{...},"confidence":0.43,
 *  "scores":{"hesitation":0.04,"arousal":0.10},
 *  "chunks":[{"startMs":0,"endMs":4000,"speechMs":...,"features":{...},"normalised":{...},
 *             "labels":{...},"confidence":...}]}
 * }</pre>
 * Segments that touch at a chunk boundary are merged. File-level labels and scores are the speech-weighted
 * means of the chunks that have labels, the confidence is the speech-weighted mean of their confidences;
 * {@code labels} is empty when no chunk had enough speech.
 */
public final class VoiceScoring {

    /** Chunk length for file scoring. */
    public static final int CHUNK_MS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoiceScoring() {
    }

    /** Scores one WAV with a freshly loaded analyzer and prints one JSON line. */
    public static void scoreWav(Path wav, PrintStream out) throws IOException {
        try (VoiceAnalyzer analyzer = new VoiceAnalyzer()) {
            scoreWav(wav, out, analyzer);
        }
    }

    /** Scores one WAV with the given analyzer and prints one JSON line. */
    public static void scoreWav(Path wav, PrintStream out, VoiceAnalyzer analyzer) throws IOException {
        out.println(JSON.writeValueAsString(score(wav, analyzer)));
        out.flush();
    }

    /** The JSON object for one WAV file: its chunks scored in turn against the running baseline, then the file's means. */
    public static ObjectNode score(Path wav, VoiceAnalyzer analyzer) throws IOException {
        WavAudio audio = WavAudio.read(wav);
        float[] x = audio.samples();
        int chunk = Pcm16.SAMPLE_RATE / 1000 * CHUNK_MS;

        ObjectNode root = JSON.createObjectNode();
        root.put("file", String.valueOf(wav.getFileName()));
        root.put("sourceFormat", audio.sourceFormat());
        root.put("durationMs", Pcm16.ms(x.length));

        List<long[]> segments = new ArrayList<>();
        ArrayNode chunks = JSON.createArrayNode();
        SpeechWeightedMean mean = new SpeechWeightedMean();
        VoiceBaseline baseline = VoiceBaseline.empty();
        long speechMs = 0;
        for (int from = 0; from < x.length; from += chunk) {
            float[] part = Arrays.copyOfRange(x, from, Math.min(x.length, from + chunk));
            VoiceResult r = analyzer.analyzeSamples(List.of(part), List.of(baseline)).get(0);
            baseline = r.baseline();
            long offset = Pcm16.ms(from);
            joinSegments(segments, offset, r.segments());
            speechMs += r.speechMs();
            chunks.add(chunkJson(offset, r));
            mean.add(r);
        }
        root.put("speechMs", speechMs);
        ArrayNode segs = root.putArray("segments");
        for (long[] s : segments) {
            ObjectNode o = segs.addObject();
            o.put("startMs", s[0]);
            o.put("endMs", s[1]);
        }
        mean.writeTo(root);
        root.set("chunks", chunks);
        return root;
    }

    /** Adds a chunk's speech segments (file time), joining one that continues the previous segment across the chunk edge. */
    private static void joinSegments(List<long[]> segments, long offset, List<SpeechSegment> chunkSegments) {
        for (SpeechSegment s : chunkSegments) {
            long start = offset + s.startMs();
            long end = offset + s.endMs();
            long[] last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && start - last[1] <= 1) {
                last[1] = end;
            } else {
                segments.add(new long[] {start, end});
            }
        }
    }

    private static ObjectNode chunkJson(long offset, VoiceResult r) {
        ObjectNode c = JSON.createObjectNode();
        c.put("startMs", offset);
        c.put("endMs", offset + r.durationMs());
        c.put("speechMs", r.speechMs());
        ObjectNode features = c.putObject("features");
        r.features().measured().forEach((k, v) -> features.put(k, round(v)));
        features.put("pause_count", r.features().pauseCount());
        features.put("syllables", r.features().syllables());
        if (!Double.isNaN(r.features().pitchHz())) {
            features.put("pitch_hz", round(r.features().pitchHz()));
        }
        putMap(c.putObject("normalised"), r.normalised());
        putMap(c.putObject("labels"), r.labels());
        c.put("confidence", round(r.confidence()));
        return c;
    }

    /** The file's labels, label confidences, scores and confidence: means over its scored chunks, weighted by speech. */
    private static final class SpeechWeightedMean {
        private final Map<String, Double> labels = new LinkedHashMap<>();
        private final Map<String, Double> labelConfidence = new LinkedHashMap<>();
        private final Map<String, Double> scores = new LinkedHashMap<>();
        private double confidence;
        private double weight;

        void add(VoiceResult r) {
            if (r.labels().isEmpty()) {
                return; // a chunk without speech says nothing
            }
            double w = r.speechMs();
            r.labels().forEach((k, v) -> labels.merge(k, v * w, Double::sum));
            r.labelConfidence().forEach((k, v) -> labelConfidence.merge(k, v * w, Double::sum));
            r.scores().forEach((k, v) -> scores.merge(k, v * w, Double::sum));
            confidence += r.confidence() * w;
            weight += w;
        }

        void writeTo(ObjectNode root) {
            ObjectNode l = root.putObject("labels");
            ObjectNode lc = root.putObject("labelConfidence");
            ObjectNode sc = root.putObject("scores");
            if (weight > 0) {
                labels.forEach((k, v) -> l.put(k, round(v / weight)));
                labelConfidence.forEach((k, v) -> lc.put(k, round(v / weight)));
                scores.forEach((k, v) -> sc.put(k, round(v / weight)));
            }
            root.put("confidence", weight > 0 ? round(confidence / weight) : 0);
        }
    }

    private static void putMap(ObjectNode node, Map<String, Double> m) {
        m.forEach((k, v) -> node.put(k, round(v)));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** {@code java ... io.moments.models.voice.VoiceScoring FILE.wav...}: one JSON line per file on stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: VoiceScoring FILE.wav...");
            System.exit(2);
        }
        try (VoiceAnalyzer analyzer = new VoiceAnalyzer()) {
            for (String a : args) {
                scoreWav(Path.of(a), System.out, analyzer);
            }
        }
    }
}
