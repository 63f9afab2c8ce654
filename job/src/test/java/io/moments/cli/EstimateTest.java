package io.moments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.MomentsOptions;
import io.moments.decide.Policy;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --estimate} end to end: a learning policy's decisions and audit records from a real replay,
 * with the session events, estimated for candidates through the command line as typed.
 */
class EstimateTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Pricing contacts, checkout pauses and GPC form-error loops; every third session buys two minutes on. */
    private static List<String> sessions(int each) {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < each; i++) {
            String at = start.plusSeconds(6L * i).toString();
            Shopper pricing = Shopper.session("pricing-" + i, at, Shopper.FULL_CONSENT_TCF)
                    .page("pricing").after(20).act("contact_click");
            Shopper pause = Shopper.session("pause-" + i, start.plusSeconds(6L * i + 2).toString(), Shopper.FULL_CONSENT_TCF)
                    .page("cart").after(4).step(1).after(8).step(2);
            Shopper fumbler = Shopper.session("fumbler-" + i, start.plusSeconds(6L * i + 4).toString()).withGpc()
                    .step(1).after(3).act("form_error").after(3).act("form_error").after(3).act("form_error");
            for (Shopper s : List.of(pricing, pause, fumbler)) {
                if (i % 3 == 0) {
                    s.after(120).act("purchase");
                } else if (i % 3 == 1) {
                    s.after(150).outcome("lead", 0);
                }
                lines.addAll(s.lines());
            }
        }
        // a clock session that keeps event time moving past the last pauses
        Shopper clock = Shopper.session("clock", start.toString()).page("home");
        for (int k = 0; k < 12; k++) {
            clock.after(60).page("blog");
        }
        lines.addAll(clock.lines());
        lines.sort((a, b) -> ts(a).compareTo(ts(b)));
        return lines;
    }

    private static Instant ts(String line) {
        try {
            return Instant.parse(JSON.readTree(line).get("ts").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private Path policy(String name, String json) throws Exception {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void aCandidateIsEstimatedFromAReplaysDecisionsAuditAndOutcomes() throws Exception {
        String learning = Policy.defaultPolicy().json().replace("\"enabled\":false", "\"enabled\":true")
                .replace("\"version\":\"default-v1\"", "\"version\":\"default-v1-learning\"");
        Path input = dir.resolve("events.jsonl");
        Files.write(input, sessions(15));
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.set(MomentsOptions.POLICY_FILE, policy("logging", learning).toString());
        Path decisions = dir.resolve("decisions.jsonl");
        Path audit = dir.resolve("audit.jsonl");
        ReplayCommand.replay(conf, input, decisions, dir.resolve("dead.jsonl"), audit, null);

        List<JsonNode> logged = read(decisions);
        Set<String> sessions = new TreeSet<>();
        Set<String> choosers = new TreeSet<>();
        for (JsonNode d : logged) {
            sessions.add(d.get("sessionId").asText());
            double p = d.get("propensity").asDouble();
            assertThat(p).as(d.toString()).isGreaterThan(0).isLessThanOrEqualTo(1);
            if (d.get("group").asText().equals("holdout")) {
                assertThat(p).isEqualTo(0.1);
            }
        }
        read(audit).forEach(a -> {
            choosers.add(a.get("chooser").asText());
            assertThat(a.has("conflictingLabels")).isTrue();
            assertThat(a.has("personalizationAllowed")).isTrue();
        });
        assertThat(sessions).hasSize(45);
        assertThat(choosers).contains("thompson", "rule-order");

        Path log = dir.resolve("logged.jsonl");
        List<String> all = new ArrayList<>(Files.readAllLines(decisions));
        all.addAll(Files.readAllLines(audit));
        all.addAll(Files.readAllLines(input));
        Files.write(log, all);

        // the shipped rule-order policy as the candidate
        CommandLineTest.Result r = CommandLineTest.moments("replay", "--policy",
                policy("candidate", Policy.defaultPolicy().json()).toString(), "--estimate", "--outcomes", log.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out().lines().toList()).hasSize(1);
        JsonNode e = JSON.readTree(r.out());
        assertThat(e.get("policy").asText()).isEqualTo("default-v1");
        assertThat(e.get("logging_policies").toString()).isEqualTo("[\"default-v1-learning\"]");
        long holdout = e.get("holdout").isNull() ? 0 : e.get("holdout").get("n").asLong();
        assertThat(e.get("n").asLong() + holdout).isEqualTo(45);
        assertThat(e.get("log").get("decisions").asLong()).isEqualTo(logged.size());
        assertThat(e.get("log").get("audits").asLong()).isEqualTo(logged.size());
        assertThat(e.get("log").get("conversions").asLong()).isEqualTo(30);
        assertThat(e.get("skipped").size()).isZero();
        assertThat(e.get("matched").asLong()).isBetween(1L, e.get("n").asLong());
        assertThat(e.get("snips").get("rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(e.get("snips").get("ci_low").asDouble()).isLessThanOrEqualTo(e.get("snips").get("rate").asDouble());
        assertThat(e.get("interval").asText()).contains("sandwich");
        double ess = e.get("ess").asDouble();
        assertThat(e.get("reliable").asBoolean()).isEqualTo(ess >= 30 && e.get("no_overlap_share").asDouble() <= 0.01);
        if (ess < 30) {
            assertThat(e.get("warnings").toString()).contains("tiny effective sample size");
        }
        assertThat(r.err()).contains("SNIPS").contains("DR").contains("candidate default-v1 on ");

        // a candidate that answers a pricing contact with what the logging policy never could there
        String never = Policy.defaultPolicy().json().replace("\"version\":\"default-v1\"", "\"version\":\"never-v1\"")
                .replace("{\"id\":\"pricing-contact\",\"trigger\":\"pricing_contact\",\"interventions\":"
                        + "[\"offer_pricing_help\",\"show_value\"]}", "{\"id\":\"pricing-contact\",\"trigger\":"
                        + "\"pricing_contact\",\"interventions\":[\"reassure_returns\"]}");
        assertThat(never).contains("reassure_returns\"]},{\"id\":\"rage\"");
        CommandLineTest.Result n = CommandLineTest.moments("replay", "--policy", policy("never", never).toString(),
                "--estimate", "--outcomes", log.toString());
        assertThat(n.code()).as(n.err()).isEqualTo(0);
        JsonNode ne = JSON.readTree(n.out());
        assertThat(ne.get("reliable").asBoolean()).isFalse();
        assertThat(ne.get("no_overlap_share").asDouble()).isGreaterThan(0.2);
        assertThat(ne.get("warnings").toString()).contains("no overlap: ").contains("reassure_returns in pricing-contact@");
        assertThat(n.err()).contains("NOT RELIABLE");
    }
}
