package io.moments.cli;

import io.moments.config.LabelImpulse;
import io.moments.config.LabelWeights;
import io.moments.models.Label;
import io.moments.testing.FlinkTestSupport;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code labels check} and {@code labels fit} on the shipped rated set (docs/labels-data), through the real job. */
class LabelsCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    static final Path DATA = Path.of("../docs/labels-data");
    static final String SESSIONS = DATA.resolve("sessions.jsonl").toString();
    static final String RATINGS = DATA.resolve("ratings.jsonl").toString();
    private static final String INTERVAL = "(\\d\\.\\d\\d \\[\\d\\.\\d\\d, \\d\\.\\d\\d\\]( \\(\\d+\\))?)";
    private static final String SIGNED = "(-?\\d\\.\\d\\d \\[-?\\d\\.\\d\\d, -?\\d\\.\\d\\d\\]( \\(\\d+\\))?)";

    @TempDir
    Path dir;

    private static CommandLineTest.Result moments(String... args) {
        return CommandLineTest.moments(args);
    }

    @Test
    void theShippedSetIsLargeEnough() throws Exception {
        List<String> ratings = Files.readAllLines(DATA.resolve("ratings.jsonl"));
        assertThat(ratings).hasSizeGreaterThanOrEqualTo(60);
        assertThat(ratings.stream().map(l -> l.replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1")).distinct().count())
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void checkReportsEveryFigureOfEveryLabelOnTheShippedSet() {
        CommandLineTest.Result r = moments("labels", "check", "--input", SESSIONS, "--truth", RATINGS,
                "--conf-dir", "../flink-conf", "--resamples", "200");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("77 rated moments in 24 sessions").contains("200 resamples, seed 1")
                .contains("rated >= 0.6 (the policy's labels.threshold)").contains("hand-set weights");
        for (Label label : Label.values()) {
            // n, positives, then Spearman, AUC and MAE, each with its interval
            Matcher row = Pattern.compile("(?m)^" + label.wireName() + " +77 +\\d+ +" + SIGNED + " +" + INTERVAL + " +"
                    + INTERVAL + "$").matcher(out);
            assertThat(row.find()).as(label.wireName() + " in\n" + out).isTrue();
            for (String band : List.of("low", "mid", "high")) {
                assertThat(out).containsPattern("(?m)^(" + label.wireName() + ")? +" + band + " +\\d+ ");
            }
        }
        // The fit's Flink-free labeler gives what the job gave.
        assertThat(out).containsPattern("within \\d\\.\\de-0[5-9] of the job's samples on these 77 moments|within 0\\.0e\\+00");
        assertThat(out).doesNotContain("NOT what the job does");
    }

    @Test
    void fitWritesWeightsThatTheJobLoadsAndThatChangeItsLabels() throws Exception {
        Path weights = dir.resolve("labels.json");
        CommandLineTest.Result fit = moments("labels", "fit", "--input", SESSIONS, "--truth", RATINGS,
                "--output", weights.toString(), "--conf-dir", "../flink-conf", "--folds", "3", "--max-sweeps", "3");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("held out: 3 session folds (seed 1)").contains("all labels")
                .contains("wrote " + weights);
        LabelWeights fitted = LabelWeights.read(weights);
        assertThat(fitted).isNotEqualTo(LabelWeights.HAND_SET);

        // A document that moves one impulse far moves the job's labels: the job uses what it loads.
        Path strong = dir.resolve("strong.json");
        Files.writeString(strong, LabelWeights.HAND_SET.with(LabelImpulse.PURCHASE_DELIGHT, 0.05).toJson(null, null));
        CommandLineTest.Result handSet = moments("labels", "check", "--input", SESSIONS, "--truth", RATINGS,
                "--conf-dir", "../flink-conf", "--resamples", "50");
        CommandLineTest.Result loaded = moments("labels", "check", "--input", SESSIONS, "--truth", RATINGS,
                "--conf-dir", "../flink-conf", "--resamples", "50", "--set", "moments.labels.weights=" + strong);
        assertThat(loaded.code()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("weights strong.json");
        assertThat(row(loaded.out(), "delight")).isNotEqualTo(row(handSet.out(), "delight"));
        assertThat(row(loaded.out(), "frustration")).isEqualTo(row(handSet.out(), "frustration"));
        assertThat(loaded.out()).doesNotContain("NOT what the job does");
    }

    private static String row(String out, String label) {
        return out.lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow();
    }
}
