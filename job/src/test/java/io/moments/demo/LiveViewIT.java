package io.moments.demo;

import io.moments.decide.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.ingest.Consent;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import io.moments.sink.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live session page in a real headless Chromium: served on 127.0.0.1, fed real decision
 * records, it must draw each session's label trajectories, its moments and its decisions.
 * CI installs Chromium (Debian's package); without it the test is skipped.
 */
class LiveViewIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void drawsTrajectoriesMomentsAndDecisions() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed (.ci/run installs it)");
        SessionBoard board = new SessionBoard(10, 10);
        Consent consent = new Consent(TcfStrings.withPurposes(1, 3, 4, 5, 6), false, false);
        DecisionHistory history = new DecisionHistory();
        long t = 1_763_632_800_000L;
        String[][] moments = {{"label:hesitation"}, {"checkout_pause"}, {"label:frustration"}};
        double[][] labels = {{0.62, 0.1, 0.2, 0, 0.1, 0}, {0.7, 0.1, 0.4, 0.2, 0.1, 0}, {0.6, 0.2, 0.71, 0.2, 0.1, 0}};
        for (int i = 0; i < moments.length; i++) {
            LabelTrack track = new LabelTrack();
            double[] l = labels[i];
            track.values = new LabelScores(l[0], l[1], l[2], l[3], l[4], l[5]);
            track.confidence = new LabelScores(0.8, 0.8, 0.8, 0.8, 0.8, 0.8);
            var verdict = PolicyEngine.decide(Policy.defaultPolicy(), "live-session-1", t + i * 30_000L, List.of(new Trigger(moments[i][0], "test")), track, consent, history, new ThompsonBandit(), t);
            board.add(JSON.readTree(JsonCodec.decisionJson(verdict.decision())));
        }
        try (LiveView view = new LiveView(0, board)) {
            String url = "http://127.0.0.1:" + view.port() + "/";
            // The rendered page, without the script (whose templates contain the same markup).
            String dom = chromium("--dump-dom", url).replaceAll("(?s)<script>.*?</script>", "");
            assertThat(dom).contains("data-session=\"live-session-1\"")
                    .contains("class=\"trajectory\"").contains("data-label=\"frustration\"")
                    .contains("checkout_pause").contains("label:frustration")
                    .contains("1 sessions with decisions");
            assertThat(count(dom, "class=\"moment\"")).isEqualTo(3);
            assertThat(count(dom, "class=\"decision\"")).isEqualTo(3);
            Path png = dir.resolve("live.png");
            chromium("--screenshot=" + png, "--window-size=1280,900", url);
            assertThat(Files.size(png)).isGreaterThan(10_000);
            Files.copy(png, Path.of("target", "live-view.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
