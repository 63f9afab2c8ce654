package io.moments.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.cli.ReplayCommand;
import io.moments.insights.InsightTable;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real headless Chromium, served on 127.0.0.1 and fed the records of one real
 * replay — decisions, label samples, insight rows and lift rows: each session's label trajectories
 * over time (uPlot, from the jar) with its moments, the step heatmap, decisions by action, the top
 * friction steps and pages, and the lift table. CI installs Chromium (Debian's package); without it
 * the test fails and says how to get it.
 */
class LiveViewIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void drawsTrajectoriesMomentsInsightsAndLiftFromARun() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the live-view browser test needs Chromium at " + CHROMIUM
                    + ": install it with `sudo apt-get install chromium` (Debian/Ubuntu; .ci/run does this), then run again");
        }
        replay();
        SessionBoard board = new SessionBoard(10, 20);
        for (String line : Files.readAllLines(dir.resolve("labels.jsonl"))) {
            board.addSample(JSON.readTree(line));
        }
        for (String line : Files.readAllLines(dir.resolve("decisions.jsonl"))) {
            board.add(JSON.readTree(line));
        }
        InsightTable insights = new InsightTable();
        Files.readAllLines(dir.resolve("insights.jsonl")).forEach(insights::add);
        List<String> lift = Files.readAllLines(dir.resolve("lift.jsonl"));
        assertThat(lift).as("the replay's lift rows").isNotEmpty();

        try (LiveView view = new LiveView(0, board, insights, () -> lift)) {
            String url = "http://127.0.0.1:" + view.port() + "/";
            // The rendered page, without the script (whose templates contain the same markup).
            String dom = chromium("--dump-dom", url).replaceAll("(?s)<script>.*?</script>", "");
            assertThat(dom).contains("data-session=\"live-fumbler\"").contains("data-session=\"live-pause-2-0\"")
                    .contains("6 live sessions");
            assertThat(count(dom, "class=\"uplot")).as("one uPlot chart per session, drawn by the served library").isEqualTo(6);
            assertThat(count(dom, "<canvas")).isGreaterThanOrEqualTo(6);
            String fumbler = dom.substring(dom.indexOf("data-session=\"live-fumbler\""));
            assertThat(Integer.parseInt(attribute(fumbler, "data-samples"))).as("label samples between decisions").isGreaterThanOrEqualTo(3);
            assertThat(fumbler.substring(0, fumbler.indexOf("</ol>"))).contains("form_error_loop");

            String heatmap = dom.substring(dom.indexOf("id=\"heatmap\""), dom.indexOf("id=\"actions\""));
            // Rows in the order of the insights (most moments first), one cell per step and window.
            List<InsightTable.Row> top = insights.top("step", LiveView.INSIGHT_WINDOWS, LiveView.INSIGHT_ROWS);
            assertThat(attribute(heatmap.substring(heatmap.indexOf("class=\"heat-row\"")), "data-key")).isEqualTo(top.get(0).key());
            assertThat(heatmap).contains("data-key=\"checkout:1\"").contains("data-key=\"checkout:2\"");
            assertThat(count(heatmap, "class=\"heat\"")).isEqualTo(top.size() * insights.windows().size());
            assertThat(dom).contains("class=\"action\" data-action=");
            String steps = dom.substring(dom.indexOf("id=\"insight-steps\""), dom.indexOf("id=\"insight-pages\""));
            assertThat(steps).contains("checkout_pause 2");
            assertThat(dom).contains("class=\"lift-row\" data-slice=\"all=all\"");

            Path png = dir.resolve("live.png");
            chromium("--screenshot=" + png, "--window-size=1280,1400", url);
            assertThat(Files.size(png)).isGreaterThan(10_000);
            Files.copy(png, Path.of("target", "live-view.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Two sessions pause at checkout step 2, one at step 1, one buys, one fumbles a form; all in one replay. */
    private void replay() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lines.addAll(Shopper.session("live-pause-2-" + i, "2026-12-02T10:00:0" + i + "Z", Shopper.FULL_CONSENT_TCF)
                    .page("checkout").after(2).step(1).after(3).step(2).lines());
        }
        lines.addAll(Shopper.session("live-pause-1", "2026-12-02T10:00:03Z", Shopper.FULL_CONSENT_TCF).page("checkout")
                .after(2).step(1).lines());
        lines.addAll(Shopper.session("live-buyer", "2026-12-02T10:00:04Z", Shopper.FULL_CONSENT_TCF).page("product")
                .after(6).act("add_to_cart").after(6).page("checkout").after(2).step(1).after(3).step(2).after(4)
                .act("purchase").lines());
        lines.addAll(Shopper.session("live-fumbler", "2026-12-02T10:00:05Z", Shopper.FULL_CONSENT_TCF).page("cart").after(6)
                .step(1).after(6).act("form_error", "card").after(6).act("form_error", "card").after(6)
                .act("form_error", "card").after(6).act("form_error", "card").lines());
        lines.sort(Comparator.comparing(l -> l.substring(l.indexOf("\"ts\""))));
        lines.addAll(Shopper.session("live-clock", "2026-12-02T10:05:00Z").page("home").lines());
        Path input = dir.resolve("input.jsonl");
        Files.write(input, lines);
        ReplayCommand.replay(GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf")),
                input, dir.resolve("decisions.jsonl"), null, null, dir.resolve("lift.jsonl"), dir.resolve("insights.jsonl"),
                dir.resolve("labels.jsonl"));
    }

    private static String attribute(String html, String name) {
        int at = html.indexOf(name + "=\"") + name.length() + 2;
        return html.substring(at, html.indexOf('"', at));
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
