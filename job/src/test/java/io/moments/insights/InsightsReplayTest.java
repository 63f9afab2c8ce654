package io.moments.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.moments.cli.ReplayCommand;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Insights end to end (the replay's operators on a MiniCluster): scripted checkout sessions where
 * step 2 has most pauses, and a session delivered late, after an event three minutes on.
 *
 * <p>By hand, all in the window 10:00–10:01: three sessions pause at step 2 and one at step 1; two
 * go through both steps and buy; one more, delivered late, pauses at step 1. So step
 * {@code checkout:2}: 5 sessions, 3 pauses, 2 conversions; step {@code checkout:1}: 7 sessions, 2
 * pauses; page {@code /checkout}: 7. (Whether the late session's rows come as an update here depends
 * on which of the session stage's two inputs brings the watermark first; {@link InsightWindowsTest}
 * holds the late firing itself on a single input.)
 */
class InsightsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theStepWithMostPausesRanksFirstAndALateSessionUpdatesItsWindow() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.addAll(Shopper.session("pause-2-" + i, "2026-12-02T10:00:0" + i + "Z").page("checkout").after(2).step(1)
                    .after(3).step(2).lines());
        }
        lines.addAll(Shopper.session("pause-1", "2026-12-02T10:00:03Z").page("checkout").after(2).step(1).lines());
        for (int i = 0; i < 2; i++) {
            lines.addAll(Shopper.session("buyer-" + i, "2026-12-02T10:00:0" + (4 + i) + "Z").page("checkout").after(2).step(1)
                    .after(3).step(2).after(4).act("purchase").lines());
        }
        lines.sort((a, b) -> ts(a).compareTo(ts(b)));
        lines.addAll(Shopper.session("clock", "2026-12-02T10:03:00Z").page("home").lines());
        lines.addAll(Shopper.session("late", "2026-12-02T10:00:20Z").page("checkout").after(2).step(1).lines());
        Path input = dir.resolve("in.jsonl");
        Files.write(input, lines);
        Path insights = dir.resolve("insights.jsonl");

        ReplayCommand.replay(conf(), input, dir.resolve("decisions.jsonl"), dir.resolve("dead.jsonl"), null, null, insights, null);

        List<String> rows = Files.readAllLines(insights);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                JSON.readTree(Files.readString(Path.of("src/main/resources/contracts/insight.v1.schema.json"))),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (String row : rows) {
            assertThat(schema.validate(JSON.readTree(row))).as(row).isEmpty();
            assertThat(row).doesNotContain("pause-", "buyer-", "\"late\"", "clock");
        }

        InsightTable table = new InsightTable();
        rows.forEach(table::add);
        List<InsightTable.Row> steps = table.top(InsightTracker.STEP, 100, 10);
        assertThat(steps.get(0).key()).isEqualTo("checkout:2");
        assertThat(steps.get(0).byPattern()).containsEntry("checkout_pause", 3L);
        assertThat(steps.get(0).sessions()).isEqualTo(5);
        assertThat(steps.get(0).conversions()).isEqualTo(2);
        InsightTable.Row step1 = steps.stream().filter(r -> r.key().equals("checkout:1")).findFirst().orElseThrow();
        assertThat(step1.byPattern()).containsEntry("checkout_pause", 2L);
        assertThat(step1.sessions()).isEqualTo(7);

        // What ./moments insights prints: step 2 first, with its counts and rates.
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        table.print(100, 10, new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        List<String> out = List.of(printed.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        String firstStep = out.get(out.indexOf("top friction steps") + 2);
        assertThat(firstStep).startsWith("checkout:2").contains(" 5 ").contains("40.0%").contains("checkout_pause=3");
        assertThat(table.top(InsightTracker.PAGE, 100, 10)).filteredOn(r -> r.key().equals("/checkout"))
                .singleElement().satisfies(r -> assertThat(r.sessions()).isEqualTo(7));
    }

    private static Configuration conf() {
        return GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
    }

    private static String ts(String line) {
        try {
            return JSON.readTree(line).get("ts").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
