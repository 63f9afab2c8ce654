package io.moments.models.voice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The "in the job" table of models/voice/MODEL_CARD.md: arousal of the session fixtures in 1 s chunks, each
 * chunk against an empty baseline (what the job did before the baseline moved into its session stage) and
 * against the session's own baseline (the two steps, as the job runs them now). Not part of the normal test
 * run; run with
 * <pre>
 * ./mvnw -o -pl models test -Dtest=VoiceSessionReport -Dvoice.session-report=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "voice.session-report", matches = "true")
class VoiceSessionReport {

    /** Sessions: fixtures read one after the other as one session, in 1 s chunks. */
    private static final String[][] SESSIONS = {{"calm_high"}, {"calm_low"}, {"calm_low", "agitated_low"}};

    @Test
    void report() {
        Fixtures.ensureTmpDir();
        System.out.println("\n| session | fixture | chunks with labels | F0 Hz | arousal, empty baseline: mean (after the first chunk) "
                + "| arousal, session baseline: mean (after the first chunk) | frustration confidence, session: mean |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (VoiceExtractor extractor = new VoiceExtractor()) {
            for (String[] session : SESSIONS) {
                VoiceBaseline baseline = VoiceBaseline.empty();
                for (String fixture : session) {
                    List<Double> empty = new ArrayList<>();
                    List<Double> own = new ArrayList<>();
                    List<Double> hz = new ArrayList<>();
                    double confidence = 0;
                    boolean firstOfSession = baseline.chunks() == 0;
                    for (byte[] chunk : chunks(fixture)) {
                        ProsodySample sample = extractor.extract(chunk);
                        VoiceScore alone = VoiceAnalyzer.score(sample, VoiceBaseline.empty());
                        VoiceScore inSession = VoiceAnalyzer.score(sample, baseline);
                        baseline = inSession.baseline();
                        if (!inSession.scores().isEmpty()) {
                            empty.add(alone.scores().get("arousal"));
                            own.add(inSession.scores().get("arousal"));
                            hz.add(sample.pitchHz());
                            confidence += inSession.labelConfidence().get("frustration");
                        }
                    }
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.3f (%.3f) | %.3f (%.3f) | %.3f |%n",
                            String.join(" + ", session), fixture, own.size(), mean(hz, false), mean(empty, false),
                            mean(empty, firstOfSession), mean(own, false), mean(own, firstOfSession),
                            confidence / own.size());
                    System.out.println("  per chunk, empty / session: " + pairs(empty, own));
                }
            }
        }
    }

    private static List<byte[]> chunks(String fixture) {
        byte[] pcm = Fixtures.pcm(fixture);
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += 2 * Pcm16.SAMPLE_RATE) {
            out.add(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 2 * Pcm16.SAMPLE_RATE)));
        }
        return out;
    }

    private static double mean(List<Double> v, boolean skipFirst) {
        List<Double> use = skipFirst ? v.subList(1, v.size()) : v;
        return use.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String pairs(List<Double> a, List<Double> b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            s.append(String.format(Locale.ROOT, "%s%.2f/%.2f", i == 0 ? "" : " ", a.get(i), b.get(i)));
        }
        return s.toString();
    }
}
