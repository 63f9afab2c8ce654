package io.moments.lift.offpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.decide.Decision;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.decide.Trigger;
import io.moments.ingest.Consent;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelTrack;
import io.moments.labels.Moment;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import io.moments.sink.JsonCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Logged decisions made by the real {@link PolicyEngine}, written as the job writes them (decision/v1 and
 * audit/v1 lines), read back and decided again: the log carries enough to reproduce every decision, a
 * session is its first decision with the job's attribution, and a candidate's rate is estimated from a
 * learning policy's log.
 */
class CandidateReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Policy DEFAULT = Policy.defaultPolicy();
    private static final long T = 1_763_632_800_000L;
    private static final String[] TRIGGERS = {"checkout_pause", "pricing_contact", "rage_click", "form_error_loop",
            "label:hesitation", "label:confusion", "label:frustration", "label:trust_concern", "label:price_sensitivity",
            "label:delight"};
    private static final Consent FULL = new Consent(TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7), false, false);
    private static final Consent GPC = new Consent(null, true, false);
    /** Interventions that help the simulated shoppers: +15 points on a 10 % base. */
    private static final Set<String> HELPS = Set.of("show_value", "reassure_returns", "simplify_form",
            "clarify_options", "show_guarantees");

    static Policy learning() throws Exception {
        return Policy.parse(DEFAULT.json().replace("\"enabled\":false", "\"enabled\":true")
                .replace("\"version\":\"default-v1\"", "\"version\":\"default-v1-learning\""));
    }

    /** A moment of a session with labels and signals at two decimals (as logged, so they read back exactly). */
    record Moment0(String sessionId, long ts, List<Trigger> triggers, LabelTrack track, Consent consent) {}

    static List<Moment0> moments(long seed, int sessions) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Moment0> out = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            LabelTrack t = new LabelTrack();
            t.values = scores(r, 1);
            t.confidence = scores(r, 1);
            t.momentum = scores(r, 0.5);
            t.behaviour = scores(r, 1);
            t.text = scores(r, 1);
            t.face = r.nextInt(4) == 0 ? scores(r, 1) : LabelScores.ZERO;
            t.voice = LabelScores.ZERO;
            t.conflictingLabels = r.nextInt(5) == 0 ? new String[]{t.values.strongest().wireName()} : new String[0];
            t.stage = FunnelStage.values()[r.nextInt(FunnelStage.values().length)];
            t.moment = Moment.values()[r.nextInt(Moment.values().length)];
            List<Trigger> triggers = new ArrayList<>();
            triggers.add(new Trigger(TRIGGERS[r.nextInt(TRIGGERS.length)], "detail " + i));
            if (r.nextInt(3) == 0) {
                triggers.add(new Trigger(TRIGGERS[r.nextInt(TRIGGERS.length)], "second"));
            }
            Consent consent = switch (r.nextInt(6)) {
                case 0 -> GPC;
                case 1 -> null;
                default -> FULL;
            };
            out.add(new Moment0("s-" + i, T + i * 1000L, triggers, t, consent));
        }
        return out;
    }

    private static LabelScores scores(SplittableRandom r, double scale) {
        LabelScores s = LabelScores.ZERO;
        for (Label l : Label.values()) {
            s = s.with(l, Math.round(r.nextDouble() * scale * 100) / 100.0);
        }
        return s;
    }

    /** Each moment decided under {@code p}, as the job decides a session's first moment. */
    static List<PolicyEngine.Verdict> decide(Policy p, List<Moment0> moments, ThompsonBandit bandit) {
        List<PolicyEngine.Verdict> out = new ArrayList<>();
        for (Moment0 m : moments) {
            out.add(PolicyEngine.decide(p, m.sessionId(), m.ts(), m.triggers(), m.track(), m.consent(),
                    new DecisionHistory(), bandit, m.ts() + 5));
        }
        return out;
    }

    /** The decision and audit lines of each verdict, as the job writes them. */
    static List<String> lines(List<PolicyEngine.Verdict> verdicts) {
        List<String> lines = new ArrayList<>();
        for (PolicyEngine.Verdict v : verdicts) {
            lines.add(JsonCodec.decisionJson(v.decision()));
            lines.add(JsonCodec.auditJson(v.audit()));
        }
        return lines;
    }

    static List<String> log(Policy p, List<Moment0> moments, ThompsonBandit bandit) {
        return lines(decide(p, moments, bandit));
    }

    static String purchase(String sessionId, long ts) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", "outcome/v1").put("eventId", sessionId + "-buy-" + ts).put("sessionId", sessionId)
                .put("ts", Instant.ofEpochMilli(ts).toString()).put("type", "purchase").put("value", 10);
        return n.toString();
    }

    private static JsonNode withoutModalities(String json) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        n.remove("modalities"); // from the labeler's evidence, which the log does not keep; no step reads it
        return n;
    }

    @Test
    void decidingALoggedMomentAgainUnderItsPolicyReproducesTheDecision() throws Exception {
        List<Moment0> moments = moments(1, 600);
        DecisionLog log = DecisionLog.read(log(DEFAULT, moments, new ThompsonBandit()));
        assertThat(log.sessions()).hasSize(600);
        assertThat(log.counts().decisions()).isEqualTo(600);
        assertThat(log.counts().audits()).isEqualTo(600);
        int ambiguous = 0;
        int refused = 0;
        int held = 0;
        for (Moment0 m : moments) {
            DecisionLog.Session s = log.sessions().get(m.sessionId());
            PolicyEngine.Verdict logged = PolicyEngine.decide(DEFAULT, m.sessionId(), m.ts(), m.triggers(), m.track(),
                    m.consent(), new DecisionHistory(), new ThompsonBandit(), m.ts() + 5);
            PolicyEngine.Verdict again = CandidateReplay.decideAgain(DEFAULT, s.first(), s.audit());
            assertThat(withoutModalities(JsonCodec.decisionJson(again.decision())))
                    .isEqualTo(withoutModalities(JsonCodec.decisionJson(logged.decision())));
            assertThat(JsonCodec.auditJson(again.audit())).isEqualTo(JsonCodec.auditJson(logged.audit()));
            ambiguous += logged.decision().ambiguous() ? 1 : 0;
            refused += logged.consent().allowed() ? 0 : 1;
            held += logged.decision().group().equals(Decision.HOLDOUT) ? 1 : 0;
        }
        assertThat(ambiguous).as("ambiguous moments are among them").isGreaterThan(50);
        assertThat(refused).as("so are moments without consent").isGreaterThan(100);
        assertThat(held).as("and held out ones").isGreaterThan(20);
    }

    @Test
    void aSessionIsItsFirstDecisionAndConvertsAsTheJobAttributesIt() throws Exception {
        List<Moment0> two = moments(2, 2);
        Moment0 later = new Moment0("s-0", T + 60_000, two.get(1).triggers(), two.get(1).track(), FULL);
        Moment0 first = new Moment0("s-0", T, two.get(0).triggers(), two.get(0).track(), FULL);
        List<String> lines = new ArrayList<>(log(DEFAULT, List.of(later, first), new ThompsonBandit()));
        lines.add("not json");
        lines.add("{\"schema\":\"interaction/v1\",\"eventId\":\"e1\",\"sessionId\":\"s-0\",\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"click\"}");
        DecisionLog.Session s = DecisionLog.read(lines).sessions().get("s-0");
        assertThat(s.first().ts()).as("the earliest decision, wherever it is in the file").isEqualTo(T);

        long window = 30 * 60_000L;
        assertThat(converts(lines, T - 1000, window)).as("a purchase before the decision is not its").isFalse();
        assertThat(converts(lines, T, window)).as("nor one at its own instant (it comes first)").isFalse();
        assertThat(converts(lines, T + 1, window)).isTrue();
        assertThat(converts(lines, T + window, window)).as("the window's end is in it").isTrue();
        assertThat(converts(lines, T + window + 1, window)).isFalse();
        DecisionLog.Counts counts = DecisionLog.read(lines).counts();
        assertThat(counts.decisions()).isEqualTo(2);
        assertThat(counts.unreadable()).isEqualTo(1);
        assertThat(counts.ignored()).isEqualTo(1);
    }

    private static boolean converts(List<String> lines, long at, long window) {
        List<String> with = new ArrayList<>(lines);
        with.add(purchase("s-0", at));
        return DecisionLog.read(with).sessions().get("s-0").converted(window);
    }

    /** A learning policy's log of {@code sessions} simulated sessions, and the true rate of the shipped policy on them. */
    record LearningLog(List<String> lines, long treated, double truth) {}

    static LearningLog learningLog(long seed, int sessions) throws Exception {
        Policy logging = learning();
        ThompsonBandit bandit = new ThompsonBandit();
        for (String context : List.of("price@cart", "price@checkout", "hesitation@consider", "pause@checkout")) {
            bandit.learn(context, "show_value", true);
            bandit.learn(context, "reassure_checkout", false);
        }
        List<Moment0> moments = moments(seed, sessions);
        List<PolicyEngine.Verdict> verdicts = decide(logging, moments, bandit);
        List<String> lines = new ArrayList<>(lines(verdicts));
        SplittableRandom shoppers = new SplittableRandom(seed + 1);
        double truth = 0;
        long treated = 0;
        for (int i = 0; i < moments.size(); i++) {
            Moment0 m = moments.get(i);
            PolicyEngine.Verdict done = verdicts.get(i);
            if (shoppers.nextDouble() < conversion(done.decision())) {
                lines.add(purchase(m.sessionId(), m.ts() + 60_000));
            }
            if (!done.decision().group().equals(Decision.HOLDOUT)) {
                Decision candidate = PolicyEngine.decide(DEFAULT, m.sessionId(), m.ts(), m.triggers(), m.track(),
                        m.consent(), new DecisionHistory(), new ThompsonBandit(), m.ts() + 5).decision();
                truth += conversion(candidate);
                treated++;
            }
        }
        return new LearningLog(lines, treated, truth / treated);
    }

    /**
     * Logged by a learning policy (Thompson sampling with some evidence, so propensities estimated by the
     * races), estimated for the shipped rule-order policy: on ten simulated logs the estimates centre on
     * the candidate's true rate on those sessions and the intervals cover it about as often as they say.
     */
    @Test
    void aRuleOrderCandidateIsEstimatedFromALearningPolicysLog() throws Exception {
        int runs = 10;
        int[] covered = new int[2];
        double[] error = new double[2];
        for (int run = 0; run < runs; run++) {
            LearningLog l = learningLog(10 + 2L * run, 3000);
            EstimateReport report = EstimateReport.of(DEFAULT, DecisionLog.read(l.lines()));
            OffPolicyEstimate.Result r = report.result();
            assertThat(r.n()).isEqualTo(l.treated());
            assertThat(r.holdoutN()).isEqualTo(3000 - l.treated());
            assertThat(r.matched()).isLessThan(r.n()).isGreaterThan(r.n() / 2);
            assertThat(r.noOverlap()).as("a rare context or two whose first arm was never drawn")
                    .isLessThan(OffPolicyEstimate.MAX_NO_OVERLAP_SHARE);
            assertThat(r.reliable()).as(report.warnings().toString()).isTrue();
            List<OffPolicyEstimate.Estimate> both = List.of(r.snips(), r.dr());
            for (int k = 0; k < 2; k++) {
                OffPolicyEstimate.Interval i = both.get(k).rate();
                covered[k] += i.ciLow() <= l.truth() && l.truth() <= i.ciHigh() ? 1 : 0;
                error[k] += i.value() - l.truth();
            }
            if (run == 0) {
                JsonNode json = JSON.readTree(report.json());
                assertThat(json.get("policy").asText()).isEqualTo("default-v1");
                assertThat(json.get("logging_policies").get(0).asText()).isEqualTo("default-v1-learning");
                assertThat(json.get("n").asLong()).isEqualTo(l.treated());
                assertThat(json.get("snips").get("rate").asDouble()).isCloseTo(r.snips().rate().value(), within(1e-4));
                for (String field : List.of("ci_low", "ci_high", "lift", "lift_ci_low", "lift_ci_high")) {
                    assertThat(json.get("dr").has(field)).as(field).isTrue();
                }
                assertThat(json.get("reliable").asBoolean()).isTrue();
                assertThat(json.get("warnings").isArray()).isTrue();
                assertThat(report.table()).contains("SNIPS").contains("DR").contains("reliable");
            }
        }
        for (int k = 0; k < 2; k++) {
            assertThat(covered[k]).as((k == 0 ? "SNIPS" : "DR") + " intervals covering the truth").isGreaterThanOrEqualTo(8);
            assertThat(error[k] / runs).as((k == 0 ? "SNIPS" : "DR") + " mean error").isCloseTo(0, within(0.006));
        }
    }

    @Test
    void decisionsWithoutAPropensityOrAuditAreLeftOutAndSaid() throws Exception {
        List<Moment0> moments = moments(5, 200);
        List<String> lines = new ArrayList<>();
        List<PolicyEngine.Verdict> verdicts = decide(DEFAULT, moments, new ThompsonBandit());
        for (int k = 0; k < verdicts.size(); k++) {
            ObjectNode decision = (ObjectNode) JSON.readTree(JsonCodec.decisionJson(verdicts.get(k).decision()));
            if (k % 4 == 0) {
                decision.remove("propensity"); // as written before it was logged
            }
            lines.add(decision.toString());
            if (k % 4 != 1) { // the audit record of every fourth is not in the file
                lines.add(JsonCodec.auditJson(verdicts.get(k).audit()));
            }
        }
        EstimateReport report = EstimateReport.of(DEFAULT, DecisionLog.read(lines));
        Map<String, Long> skipped = report.skipped();
        assertThat(skipped.get(CandidateReplay.NO_PROPENSITY)).isGreaterThan(30);
        assertThat(skipped.get(CandidateReplay.NO_AUDIT)).isGreaterThan(30);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("logged treatment sessions left out")
                .contains("no_propensity").contains("no_audit"));
        assertThat(report.result().matched()).as("the same policy takes every logged action").isEqualTo(report.result().n());
    }

    /** P(convert) of a simulated shopper given the decision: 10 %, 25 % with an intervention that helps. */
    static double conversion(Decision d) {
        boolean acted = d.action().type().equals("intervention");
        return 0.10 + (acted && HELPS.contains(d.action().intervention()) ? 0.15 : 0);
    }
}
