package io.moments.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.cli.ReplayCommand;
import io.moments.testing.FlinkTestSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input campaign: over 10,000 malformed and hostile lines interleaved with realistic valid
 * sessions, through the real job (replay). Every line is accounted for (accepted + dead-lettered =
 * read), every hostile line is dead-lettered with the reason its category must give, no media bytes
 * reach a dead letter, and the decisions equal those of the valid traffic alone.
 */
class BadInputCampaignTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTILE_LINES = 10_500;

    @TempDir
    Path dir;

    private static Configuration conf() {
        return GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
    }


    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyHostileLineIsAccountedForAndNoValidDecisionIsLost() throws Exception {
        List<String> valid = HostileCorpus.validTraffic(240, 7);
        List<HostileCorpus.Line> mixed = HostileCorpus.mixed(valid, HOSTILE_LINES, 42);
        Path validFile = dir.resolve("valid.jsonl");
        Path mixedFile = dir.resolve("mixed.jsonl");
        Files.write(validFile, valid);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mixedFile))) {
            for (HostileCorpus.Line line : mixed) {
                out.write(line.bytes());
                out.write('\n');
            }
        }
        Map<String, Integer> categories = HostileCorpus.categories(mixed);
        long hostile = mixed.stream().filter(l -> !l.valid()).count();
        assertThat(hostile).isGreaterThanOrEqualTo(10_000);

        // (1) the valid traffic alone
        long t0 = System.nanoTime();
        ReplayCommand.Summary alone = ReplayCommand.replay(conf(), validFile, dir.resolve("out-valid.jsonl"),
                dir.resolve("dead-valid.jsonl"));
        long t1 = System.nanoTime();
        assertThat(alone.lines()).isEqualTo(valid.size());
        assertThat(alone.deadLetters()).as("valid traffic gives no dead letters").isZero();
        List<String> expectedDecisions = comparable(read(dir.resolve("out-valid.jsonl")));
        assertThat(expectedDecisions).isNotEmpty();
        Map<String, Integer> triggers = new TreeMap<>();
        for (JsonNode d : read(dir.resolve("out-valid.jsonl"))) {
            d.get("triggers").forEach(t -> triggers.merge(t.asText(), 1, Integer::sum));
        }
        assertThat(triggers).containsKeys("checkout_pause", "pricing_contact", "form_error_loop");

        // (2) the same traffic with the hostile lines interleaved; replay returning = the job finished
        // Replay counts lines by newline bytes, so invalid UTF-8 in the input no longer breaks its summary
        // (docs/bad-input.md, problem 2): no exception is tolerated here.
        ReplayCommand.Summary summary = ReplayCommand.replay(conf(), mixedFile, dir.resolve("out-mixed.jsonl"),
                dir.resolve("dead-mixed.jsonl"));
        long t2 = System.nanoTime();
        List<JsonNode> dead = read(dir.resolve("dead-mixed.jsonl"));

        // Every line accounted for: read = accepted + dead-lettered, and accepted = exactly the valid lines.
        assertThat(summary.lines()).isEqualTo(mixed.size());
        assertThat(summary.deadLetters()).isEqualTo(dead.size());
        long accepted = summary.lines() - summary.deadLetters();
        assertThat(accepted).as("accepted records = the valid lines").isEqualTo(valid.size());
        assertThat(dead).hasSize((int) hostile);

        // Each dead letter belongs to exactly one hostile line, with the reason its category must give.
        Map<String, Deque<HostileCorpus.Line>> bySha = new HashMap<>();
        Map<String, Deque<HostileCorpus.Line>> byEventId = new HashMap<>();
        for (HostileCorpus.Line line : mixed) {
            if (line.valid()) {
                continue;
            }
            if (line.matchEventId() != null) {
                byEventId.computeIfAbsent(line.matchEventId(), k -> new ArrayDeque<>()).add(line);
            } else {
                bySha.computeIfAbsent(shaAsRead(line.bytes()), k -> new ArrayDeque<>()).add(line);
            }
        }
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, Integer> matchedByCategory = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        for (JsonNode d : dead) {
            String reason = d.get("reason").asText();
            byReason.merge(reason, 1, Integer::sum);
            Deque<HostileCorpus.Line> candidates = bySha.get(d.get("rawSha256").asText());
            if ((candidates == null || candidates.isEmpty()) && d.hasNonNull("eventId")) {
                candidates = byEventId.get(d.get("eventId").asText());
            }
            HostileCorpus.Line line = candidates == null ? null : candidates.poll();
            if (line == null) {
                mismatches.add("unattributed dead letter: " + clip(d));
            } else if (!line.expectedReason().equals(reason)) {
                mismatches.add(line.category() + ": expected " + line.expectedReason() + ", got " + clip(d));
            } else {
                matchedByCategory.merge(line.category(), 1, Integer::sum);
            }
        }
        assertThat(mismatches).as("dead letters that do not match their line").isEmpty();
        assertThat(matchedByCategory).as("every hostile line dead-lettered with its reason").isEqualTo(new TreeMap<>(categories));

        // No media payload in any dead letter: media dead letters are redacted (no raw copy at all).
        for (JsonNode d : dead) {
            boolean afterParse = d.path("source").asText().startsWith("inference-");
            if (afterParse) {
                // Refused by a model after parsing: the dead letter holds the event's fields without content.
                assertThat(JSON.readTree(d.get("raw").asText()).has("data")).as("no payload: %s", clip(d)).isFalse();
                assertThat(d.get("rawBase64").isNull()).isTrue();
            } else if ("media/v1".equals(d.path("sourceSchema").asText())) {
                assertThat(d.get("raw").isNull()).as("redacted: %s", clip(d)).isTrue();
                assertThat(d.get("rawBase64").isNull()).isTrue();
                assertThat(d.get("redacted").asBoolean()).isTrue();
            }
            assertThat(d.path("raw").asText("")).doesNotContain("\"data\":");
        }
        long redacted = dead.stream().filter(d -> d.get("redacted").asBoolean()).count();

        // No valid decision lost or changed, none added.
        List<String> decisions = comparable(read(dir.resolve("out-mixed.jsonl")));
        assertThat(decisions).isEqualTo(expectedDecisions);

        System.out.printf("bad-input campaign: %d lines (%d valid, %d hostile) -> %d accepted, %d dead letters "
                        + "(%d redacted); decisions %d (valid alone %d, equal; triggers %s); %.1f MB; by reason %s; by category %s; "
                        + "valid run %.1f s, mixed run %.1f s%n",
                mixed.size(), valid.size(), hostile, accepted, dead.size(), redacted, decisions.size(),
                expectedDecisions.size(), triggers, Files.size(mixedFile) / 1e6, byReason, new TreeMap<>(categories),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /** The SHA-256 of a line as the job sees it: read as UTF-8 (malformed bytes become U+FFFD), re-encoded. */
    private static String shaAsRead(byte[] bytes) throws Exception {
        byte[] asRead = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(asRead));
    }

    /** Decisions compared by decisionId, triggers and action (emittedAt is wall-clock time). */
    private static List<String> comparable(List<JsonNode> decisions) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : decisions) {
            out.add(d.get("decisionId").asText() + " " + d.get("triggers") + " " + d.get("action"));
        }
        out.sort(null);
        return out;
    }

    private static String clip(JsonNode d) {
        String s = d.toString();
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
