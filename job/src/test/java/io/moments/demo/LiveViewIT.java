package io.moments.demo;

import io.moments.decide.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.cli.ReplayCommand;
import io.moments.ingest.Consent;
import io.moments.insights.InsightTable;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import io.moments.sink.JsonCodec;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live session page in a real headless Chromium: served on 127.0.0.1, fed real decision
 * records and the insight rows of a real replay, it must draw each session's label trajectories,
 * its moments and its decisions, and rank the friction steps. CI installs Chromium (Debian's
 * package); without it the test fails and says how to get it.
 */
class LiveViewIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void drawsTrajectoriesMomentsAndDecisions() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the live-view browser test needs Chromium at " + CHROMIUM
                    + ": install it with `sudo apt-get install chromium` (Debian/Ubuntu; .ci/run does this), then run again");
        }
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
        InsightTable insights = new InsightTable();
        replayedInsightRows().forEach(insights::add);
        try (LiveView view = new LiveView(0, board, insights)) {
            String url = "http://127.0.0.1:" + view.port() + "/";
            // The rendered page, without the script (whose templates contain the same markup).
            String dom = chromium("--dump-dom", url).replaceAll("(?s)<script>.*?</script>", "");
            assertThat(dom).contains("data-session=\"live-session-1\"")
                    .contains("class=\"trajectory\"").contains("data-label=\"frustration\"")
                    .contains("checkout_pause").contains("label:frustration")
                    .contains("1 sessions with decisions");
            // Two sessions pause at checkout step 2, one at step 1: step 2 is on top, with its counts.
            String steps = dom.substring(dom.indexOf("id=\"insight-steps\""), dom.indexOf("id=\"insight-pages\""));
            assertThat(steps.indexOf("data-key=\"checkout:2\"")).isPositive()
                    .isLessThan(steps.indexOf("data-key=\"checkout:1\""));
            assertThat(steps).contains("checkout_pause 2").contains("checkout_pause 1");
            assertThat(dom).contains("data-key=\"/checkout\"").contains("insights: the latest 1 window(s) from 2026-12-02T10:00:00Z");
            assertThat(count(dom, "class=\"moment\"")).isEqualTo(3);
            assertThat(count(dom, "class=\"decision\"")).isEqualTo(3);
            Path png = dir.resolve("live.png");
            chromium("--screenshot=" + png, "--window-size=1280,900", url);
            assertThat(Files.size(png)).isGreaterThan(10_000);
            Files.copy(png, Path.of("target", "live-view.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** insight/v1 rows of a replay: two sessions pause at checkout step 2, one at step 1. */
    private List<String> replayedInsightRows() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lines.addAll(Shopper.session("live-pause-2-" + i, "2026-12-02T10:00:0" + i + "Z").page("checkout").after(2)
                    .step(1).after(3).step(2).lines());
        }
        lines.addAll(Shopper.session("live-pause-1", "2026-12-02T10:00:03Z").page("checkout").after(2).step(1).lines());
        lines.sort(java.util.Comparator.comparing(l -> l.substring(l.indexOf("\"ts\""))));
        Path input = dir.resolve("insight-input.jsonl");
        Files.write(input, lines);
        Path rows = dir.resolve("insights.jsonl");
        ReplayCommand.replay(GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf")),
                input, dir.resolve("decisions.jsonl"), null, null, null, rows);
        return Files.readAllLines(rows);
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
