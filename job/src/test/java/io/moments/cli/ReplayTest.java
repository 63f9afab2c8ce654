package io.moments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command end to end: valid sessions decided, every bad line accounted for. */
class ReplayTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Configuration conf() {
        return GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
    }

    private static List<String> sessions() {
        List<String> lines = new ArrayList<>();
        lines.addAll(Shopper.session("abandoner", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .page("cart").after(4).step(1).after(8).page("product").lines());
        lines.addAll(Shopper.session("pricing", "2026-11-20T10:00:02Z", Shopper.FULL_CONSENT_TCF)
                .page("pricing").after(20).act("contact_click").after(5).act("session_end").lines());
        lines.addAll(Shopper.session("buyer", "2026-11-20T10:00:03Z", Shopper.FULL_CONSENT_TCF)
                .page("product").after(3).act("add_to_cart").after(3).step(1).after(5).step(2).after(5)
                .act("purchase").after(1).act("session_end").lines());
        lines.addAll(Shopper.session("fumbler", "2026-11-20T10:00:05Z").withGpc()
                .step(1).after(3).act("form_error").after(3).act("form_error").after(3).act("form_error").lines());
        // A clock session that keeps event time moving for the others.
        lines.addAll(Shopper.session("clock", "2026-11-20T10:00:00Z").page("home").after(50).page("blog")
                .after(50).page("home").lines());
        lines.sort((a, b) -> ts(a).compareTo(ts(b)));
        return lines;
    }

    private static String ts(String line) {
        try {
            return JSON.readTree(line).get("ts").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decidesValidSessionsAndDeadLettersEveryBadLine() throws Exception {
        List<String> lines = new ArrayList<>(sessions());
        Map<String, String> bad = new TreeMap<>(); // line -> expected reason
        bad.put("this is not json", "not_json");
        bad.put("{\"schema\":\"interaction/v1\",\"eventId\":\"x1\",\"sessionId\":\"buyer\"", "not_json");
        bad.put("{\"schema\":\"interaction/v1\",\"eventId\":\"x2\",\"sessionId\":\"buyer\",\"ts\":\"2026-11-20T10:00:10Z\",\"type\":\"levitate\"}", "unknown_type");
        bad.put("{\"schema\":\"interaction/v1\",\"eventId\":\"x3\",\"sessionId\":\"buyer\",\"type\":\"click\"}", "missing_field");
        bad.put("{\"schema\":\"payment/v1\",\"eventId\":\"x4\",\"sessionId\":\"buyer\",\"ts\":\"2026-11-20T10:00:10Z\"}", "unknown_schema");
        bad.put("{\"schema\":\"media/v1\",\"eventId\":\"x5\",\"sessionId\":\"buyer\",\"ts\":\"2026-11-20T10:00:10Z\",\"kind\":\"video_frame\",\"data\":\"/9j/4AAQ\"}", "no_biometric_consent");
        bad.put("", "not_json");
        int middle = lines.size() / 2;
        for (String line : bad.keySet()) {
            lines.add(middle, line);
        }
        String duplicate = lines.get(3);
        lines.add(middle, duplicate);
        // A record 40 s behind what came before it still counts for its session; one two hours behind is
        // beyond the allowed lateness (the session idle timeout, 30 min): its session has expired.
        lines.add("{\"schema\":\"interaction/v1\",\"eventId\":\"old-1\",\"sessionId\":\"buyer\","
                + "\"ts\":\"2026-11-20T10:01:00Z\",\"type\":\"click\"}");
        lines.add("{\"schema\":\"interaction/v1\",\"eventId\":\"old-2\",\"sessionId\":\"buyer\","
                + "\"ts\":\"2026-11-20T08:00:00Z\",\"type\":\"click\"}");
        Path input = dir.resolve("in.jsonl");
        Files.write(input, lines);
        Path output = dir.resolve("decisions.jsonl");
        Path deadLetters = dir.resolve("dead.jsonl");

        ReplayCommand.Summary summary = ReplayCommand.replay(conf(), input, output, deadLetters);

        List<JsonNode> dead = read(deadLetters);
        Map<String, Integer> reasons = new HashMap<>();
        dead.forEach(d -> reasons.merge(d.get("reason").asText(), 1, Integer::sum));
        Map<String, Integer> expectedReasons = new HashMap<>();
        bad.values().forEach(r -> expectedReasons.merge(r, 1, Integer::sum));
        expectedReasons.merge("duplicate", 1, Integer::sum);
        expectedReasons.merge("late", 1, Integer::sum);
        assertThat(reasons).isEqualTo(expectedReasons);
        assertThat(summary.deadLetters()).isEqualTo(bad.size() + 2);
        assertThat(dead).filteredOn(d -> d.get("reason").asText().equals("late"))
                .extracting(d -> d.get("eventId").asText()).containsExactly("old-2");
        JsonNode media = dead.stream().filter(d -> d.get("reason").asText().equals("no_biometric_consent")).findFirst().orElseThrow();
        assertThat(media.get("raw").isNull()).isTrue();
        assertThat(media.get("redacted").asBoolean()).isTrue();

        Map<String, Set<String>> triggers = new TreeMap<>();
        for (JsonNode d : read(output)) {
            d.get("triggers").forEach(t -> triggers.computeIfAbsent(d.get("sessionId").asText(), k -> new TreeSet<>()).add(t.asText()));
        }
        assertThat(triggers.get("abandoner")).contains("checkout_pause");
        assertThat(triggers.get("pricing")).contains("pricing_contact");
        assertThat(triggers.get("fumbler")).contains("form_error_loop", "checkout_pause");
        assertThat(triggers.getOrDefault("buyer", Set.of())).doesNotContain("checkout_pause");
        JsonNode fumbler = read(output).stream().filter(d -> d.get("sessionId").asText().equals("fumbler")).findFirst().orElseThrow();
        assertThat(fumbler.get("action").get("personalized").asBoolean()).isFalse();
        assertThat(fumbler.get("explanation").asText()).contains("gpc");
    }

    /** {@code replay --policy}: a candidate's own patterns are matched, named by their ids in the decisions. */
    @Test
    void aCandidatePolicysPatternsAreReplayed() throws Exception {
        String candidate = io.moments.decide.Policy.defaultPolicy().json()
                .replace("\"version\":\"default-v1\"", "\"version\":\"candidate-v2\"")
                .replace("\"patterns\":[", "\"patterns\":[{\"id\":\"browse_to_cart\",\"within\":\"10s\",\"steps\":["
                        + "{\"where\":{\"type\":\"page_view\",\"pageKind\":\"product\"}},{\"where\":{\"type\":\"add_to_cart\"}}]},")
                .replace("{\"id\":\"fallback\"", "{\"id\":\"cart\",\"trigger\":\"browse_to_cart\",\"interventions\":"
                        + "[\"reassure_returns\"]},{\"id\":\"fallback\"");
        Path policy = dir.resolve("candidate.json");
        Files.writeString(policy, candidate);
        Path input = dir.resolve("in.jsonl");
        Files.write(input, sessions());
        Configuration conf = conf();
        conf.set(io.moments.config.MomentsOptions.POLICY_FILE, policy.toString());
        ReplayCommand.replay(conf, input, dir.resolve("candidate.jsonl"), dir.resolve("dead.jsonl"));
        ReplayCommand.replay(conf(), input, dir.resolve("default.jsonl"), dir.resolve("dead-default.jsonl"));

        List<JsonNode> withCandidate = read(dir.resolve("candidate.jsonl"));
        JsonNode cart = withCandidate.stream().filter(d -> d.get("triggers").get(0).asText().equals("browse_to_cart"))
                .findFirst().orElseThrow();
        assertThat(cart.get("sessionId").asText()).isEqualTo("buyer");
        assertThat(cart.get("policyVersion").asText()).isEqualTo("candidate-v2");
        assertThat(cart.get("rule").asText()).isEqualTo("cart");
        assertThat(read(dir.resolve("default.jsonl"))).flatExtracting(d -> List.of(d.get("triggers").toString()))
                .noneMatch(t -> t.contains("browse_to_cart"));
    }

    /**
     * Overlapping sessions with checkout step names (as Shopify-style trackers send them), all four
     * patterns among them, and a clock session that keeps event time moving.
     */
    private static List<List<String>> overlappingSessions() {
        return List.of(
                Shopper.session("abandoner", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                        .page("cart").after(4).step("contact_information").after(8).step("shipping").after(5)
                        .page("product").lines(),
                Shopper.session("pricing", "2026-11-20T10:00:02Z", Shopper.FULL_CONSENT_TCF)
                        .page("pricing").after(20).act("contact_click").after(5).act("session_end").lines(),
                Shopper.session("buyer", "2026-11-20T10:00:03Z", Shopper.FULL_CONSENT_TCF)
                        .page("product").after(3).act("add_to_cart").after(3).step("shipping").after(5)
                        .step("payment").after(5).act("purchase").after(1).act("session_end").lines(),
                Shopper.session("fumbler", "2026-11-20T10:00:05Z").withGpc().step(1).after(3).act("form_error")
                        .after(3).act("form_error").after(3).act("form_error").lines(),
                Shopper.session("rager", "2026-11-20T10:00:07Z", Shopper.FULL_CONSENT_TCF).page("checkout")
                        .after(1).act("click", "pay").after(0.3).act("click", "pay").after(0.3).act("click", "pay")
                        .after(0.3).act("click", "pay").after(20).step("payment").lines(),
                Shopper.session("clock", "2026-11-20T10:00:00Z").page("home").after(50).page("blog")
                        .after(50).page("home").lines());
    }

    private List<String> replayed(String name, List<String> lines, int expectedDecisions) throws Exception {
        Path input = dir.resolve(name + ".jsonl");
        Files.write(input, lines);
        Path out = dir.resolve(name + "-decisions.jsonl");
        Path dead = dir.resolve(name + "-dead.jsonl");
        ReplayCommand.replay(conf(), input, out, dead);
        assertThat(Files.readAllLines(dead)).as("dead letters of %s", name).isEmpty();
        List<String> decisions = comparable(read(out));
        assertThat(decisions).as("decisions of %s", name).hasSize(expectedDecisions);
        return decisions;
    }

    @Test
    void aSessionGroupedExportDecidesEverySessionAsTheTimeOrderedStream() throws Exception {
        List<String> timeOrdered = new ArrayList<>();
        overlappingSessions().forEach(timeOrdered::addAll);
        timeOrdered.sort(java.util.Comparator.comparing(line -> java.time.Instant.parse(ts(line))));
        List<String> grouped = new ArrayList<>();
        overlappingSessions().forEach(grouped::addAll);

        List<String> expected = replayed("time-ordered", timeOrdered, 7);
        assertThat(replayed("grouped", grouped, 7)).isEqualTo(expected);
        Set<String> decided = new TreeSet<>();
        expected.forEach(d -> decided.add(d.replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1")));
        assertThat(decided).containsExactly("abandoner", "buyer", "fumbler", "pricing", "rager");
        assertThat(expected).anyMatch(d -> d.contains("checkout_step shipping with no checkout_step or purchase for 30s"));
        assertThat(expected).anyMatch(d -> d.contains("rage_click"));
    }

    @Test
    void aSessionArrivingAsABatchSixtySecondsBehindTheOthersKeepsItsPatternsAndDecisions() throws Exception {
        List<String> timeOrdered = new ArrayList<>();
        overlappingSessions().forEach(timeOrdered::addAll);
        timeOrdered.sort(java.util.Comparator.comparing(line -> java.time.Instant.parse(ts(line))));
        List<String> expected = replayed("on-time", timeOrdered, 7);

        // The abandoner's phone sends its whole session in one batch, 60 s after its last event.
        List<String> batch = overlappingSessions().get(0);
        String sendAt = java.time.Instant.parse(ts(batch.get(batch.size() - 1))).plusSeconds(60).toString();
        List<String> delayed = new ArrayList<>(timeOrdered);
        delayed.removeAll(batch);
        int at = 0;
        while (at < delayed.size()
                && !java.time.Instant.parse(ts(delayed.get(at))).isAfter(java.time.Instant.parse(sendAt))) {
            at++;
        }
        delayed.addAll(at, batch);
        assertThat(at).as("some records of other sessions come after the batch").isLessThan(delayed.size());
        assertThat(replayed("delayed", delayed, 7)).isEqualTo(expected);
    }

    private static List<String> comparable(List<JsonNode> decisions) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : decisions) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) d).remove("emittedAt");
            out.add(d.toString());
        }
        out.sort(null);
        return out;
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
