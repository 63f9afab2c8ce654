package io.moments.decide;

import io.moments.ingest.Consent;
import io.moments.labels.LabelTrack;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.privacy.PersonalizationConsent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Applies a {@link Policy} to one moment of a session. In order: context-weight the labels, judge
 * ambiguity, match a rule, narrow its interventions by consent and ambiguity, choose (rule order, or
 * Thompson sampling when the policy enables learning), apply the guardrails, cooldown and frequency
 * cap, and finally the holdout. Each step is a method returning a small record; {@link #explain}
 * writes the explanation from those records in one place, and every step that shapes the outcome is
 * recorded, in the decision's explanation and in the audit record.
 */
public final class PolicyEngine {

    private static final double CONFLICT_FLOOR = 0.4;

    private PolicyEngine() {}

    /** The decision, its audit trail, what the session must remember about it, and the consent verdict (for metrics). */
    public record Verdict(Decision decision, AuditRecord audit, String banditContext, boolean acted,
                          PersonalizationConsent consent) {}

    public static Verdict decide(Policy p, String sessionId, long ts, List<Trigger> moment,
                                 LabelTrack track, Consent consent, DecisionHistory history, ThompsonBandit bandit,
                                 long emittedAt) {
        return decide(p, sessionId, ts, moment, track, PersonalizationConsent.of(consent, p.consent()), history, bandit,
                emittedAt);
    }

    /**
     * The same with the consent verdict already made: how a logged decision is decided again under a candidate
     * policy (io.moments.lift.offpolicy), from the verdict its audit record carries.
     */
    public static Verdict decide(Policy p, String sessionId, long ts, List<Trigger> moment, LabelTrack track,
                                 PersonalizationConsent personalization, DecisionHistory history, ThompsonBandit bandit,
                                 long emittedAt) {
        String[] triggers = moment.stream().map(Trigger::name).toArray(String[]::new);
        String[] details = moment.stream().map(Trigger::detail).toArray(String[]::new);
        String decisionId = decisionId(sessionId, ts, triggers);
        Scores scores = scores(p, track);
        Ambiguity ambiguity = ambiguity(p, track, scores);
        Policy.Rule rule = p.ruleFor(triggers[0], scores.strongest(), track.stage, track.moment);
        Candidates candidates = candidates(p, rule, personalization, ambiguity.ambiguous());
        Group group = group(p, sessionId);
        Choice choice = choose(p, rule, track, group, candidates, bandit, decisionId);
        Guardrail guardrail = guardrail(p, track.values);
        Outcome outcome = act(p, ts, triggers, history, group, personalization, rule, choice, ambiguity, guardrail);
        List<String> steps = explain(p, moment, track, scores, ambiguity, rule, personalization, candidates, choice,
                guardrail, group, outcome);

        Policy.Intervention intervention = p.intervention(choice.chosen());
        Action action = new Action(outcome.type(), choice.chosen(), intervention.adTone(), guardrail.suppressed(),
                personalization.allowed() && !choice.chosen().equals(p.nonPersonalizedDefault()), outcome.reason());
        Targeting targeting = Targeting.of(track.moment, intervention.adTone(), guardrail.suppressed(),
                personalization.allowed(), group.heldOut());
        Decision decision = new Decision(decisionId, sessionId, ts, emittedAt, track.moment, track.stage, track.values,
                track.confidence, track.momentum, modalities(track), scores.confidence(), ambiguity.ambiguous(), triggers,
                rule.id(), group.name(), action, choice.propensity(), p.version(), String.join("; ", steps),
                ts + intervention.expiryMs(), targeting);
        AuditRecord audit = new AuditRecord(decisionId, sessionId, ts, p.version(), rule.id(), triggers, details,
                track.values, scores.weighted(), track.confidence, track.momentum, track.behaviour, track.text, track.face,
                track.voice, conflicting(track), p.labels().threshold(), p.minConfidence(), personalization.basis(),
                personalization.jurisdiction(), personalization.signal(), personalization.allowed(), group.bucket(),
                rule.interventions().toArray(String[]::new), candidates.allowed().toArray(String[]::new), choice.chosen(),
                choice.chooser(), steps.toArray(String[]::new));
        return new Verdict(decision, audit, choice.banditContext(), outcome.acted(), personalization);
    }

    /** The labels weighted by the session's context, the strongest and its runner-up. */
    record Scores(LabelScores weighted, Label strongest, Label runnerUp, double confidence, double contextWeight) {}

    static Scores scores(Policy p, LabelTrack track) {
        LabelScores weighted = LabelScores.ZERO;
        for (Label label : Label.values()) {
            weighted = weighted.with(label, Math.min(1, track.values.get(label) * p.weight(track.stage, track.moment, label)));
        }
        Label strongest = weighted.strongest();
        return new Scores(weighted, strongest, runnerUp(weighted, strongest), track.confidence.get(strongest),
                p.weight(track.stage, track.moment, strongest));
    }

    /** Why the signals are ambiguous, if they are: modalities disagree, a near tie, or low confidence. */
    record Ambiguity(boolean conflicting, boolean nearTie, boolean lowConfidence) {
        boolean ambiguous() {
            return conflicting || nearTie || lowConfidence;
        }
    }

    static Ambiguity ambiguity(Policy p, LabelTrack track, Scores s) {
        double runnerUp = s.weighted().get(s.runnerUp());
        boolean nearTie = runnerUp >= CONFLICT_FLOOR && s.weighted().get(s.strongest()) - runnerUp < p.nearTieGap();
        return new Ambiguity(track.conflicting(s.strongest()), nearTie, s.confidence() < p.minConfidence());
    }

    /** The interventions the rule may use here: the non-personalized default without consent, safe ones when ambiguous. */
    record Candidates(List<String> allowed) {}

    static Candidates candidates(Policy p, Policy.Rule rule, PersonalizationConsent personalization, boolean ambiguous) {
        List<String> allowed = new ArrayList<>();
        if (!personalization.allowed()) {
            allowed.add(p.nonPersonalizedDefault());
            return new Candidates(List.copyOf(allowed));
        }
        for (String c : rule.interventions()) {
            if (!ambiguous || p.intervention(c).safe()) {
                allowed.add(c);
            }
        }
        if (allowed.isEmpty()) {
            allowed.add(p.safeDefault());
        }
        return new Candidates(List.copyOf(allowed));
    }

    /** The session's holdout bucket and group. */
    record Group(int bucket, String name) {
        boolean heldOut() {
            return name.equals(Decision.HOLDOUT);
        }
    }

    static Group group(Policy p, String sessionId) {
        int bucket = Holdout.bucket(sessionId);
        return new Group(bucket, bucket < p.holdoutPercent() ? Decision.HOLDOUT : Decision.TREATMENT);
    }

    /**
     * The intervention chosen, by whom ({@code holdout}, {@code thompson}, {@code rule-order}), the bandit's
     * context, and the propensity: the probability of this choice given the session's group (1 by rule order,
     * the chance of winning the Thompson race) or, held out, the probability of the holdout split itself
     * ({@code holdoutPercent / 100}), which is what chose its action (none).
     */
    record Choice(String chosen, String chooser, String banditContext, double propensity) {}

    static Choice choose(Policy p, Policy.Rule rule, LabelTrack track, Group group, Candidates candidates,
                         ThompsonBandit bandit, String decisionId) {
        String context = rule.id() + "@" + lower(track.stage);
        List<String> allowed = candidates.allowed();
        if (group.heldOut()) {
            // what the static policy would have done: the holdout stays untouched
            return new Choice(allowed.get(0), "holdout", context, p.holdoutPercent() / 100.0);
        }
        if (p.learning().enabled() && allowed.size() > 1) {
            double a = p.learning().priorSuccesses();
            double b = p.learning().priorFailures();
            String chosen = bandit.choose(context, allowed, a, b, Long.parseUnsignedLong(decisionId.substring(0, 15), 16));
            // its own seed, from the other half of the id: the races that estimate the chance are not the one run
            double propensity = bandit.propensity(context, allowed, chosen, a, b,
                    Long.parseUnsignedLong(decisionId.substring(16, 31), 16));
            return new Choice(chosen, "thompson", context, propensity);
        }
        return new Choice(allowed.get(0), "rule-order", context, 1);
    }

    /** The pressure tactics suppressed (none when no guardrail label is high), and the sentence saying why. */
    record Guardrail(String[] suppressed, String text) {
        static final Guardrail NONE = new Guardrail(new String[0], "");

        boolean active() {
            return !text.isEmpty();
        }
    }

    static Guardrail guardrail(Policy p, LabelScores labels) {
        for (var e : p.suppressWhen().entrySet()) {
            if (labels.get(e.getKey()) >= e.getValue()) {
                String[] suppressed = p.pressureTactics().toArray(String[]::new);
                return new Guardrail(suppressed, String.join("/", suppressed) + " suppressed (" + e.getKey().wireName()
                        + " " + Decimals.two(labels.get(e.getKey())) + " ≥ " + Decimals.two(e.getValue()) + ")");
            }
        }
        return Guardrail.NONE;
    }

    /** The action's type and reason. */
    record Outcome(String type, String reason) {
        boolean acted() {
            return type.equals(Action.INTERVENTION);
        }
    }

    /** Withheld (cooldown, frequency cap), held out, or acted on; records the act in the history unless withheld. */
    static Outcome act(Policy p, long ts, String[] triggers, DecisionHistory history, Group group,
                       PersonalizationConsent personalization, Policy.Rule rule, Choice choice, Ambiguity ambiguity,
                       Guardrail guardrail) {
        String withheld = withheldReason(p, ts, triggers, history);
        if (withheld != null) {
            return new Outcome(Action.NONE, withheld);
        }
        history.recordAct(ts, triggers, p.maxActs());
        if (group.heldOut()) {
            return new Outcome(Action.NONE, "holdout: session bucket " + group.bucket() + " < " + p.holdoutPercent());
        }
        String reason = personalization.allowed()
                ? choice.chosen() + " by rule " + rule.id() + (ambiguity.ambiguous() ? " (safe choice: ambiguous)" : "")
                : "non-personalized default: " + personalization.basis();
        return new Outcome(Action.INTERVENTION, guardrail.active() ? reason + "; " + guardrail.text() : reason);
    }

    /** The explanation, in the order the steps shape the decision: one sentence per step that mattered. */
    static List<String> explain(Policy p, List<Trigger> moment, LabelTrack track, Scores s, Ambiguity ambiguity,
                                Policy.Rule rule, PersonalizationConsent personalization, Candidates candidates,
                                Choice choice, Guardrail guardrail, Group group, Outcome outcome) {
        List<String> steps = new ArrayList<>();
        steps.add(describeMoment(moment, track));
        Label strongest = s.strongest();
        steps.add("strongest label " + strongest.wireName() + " " + Decimals.two(s.weighted().get(strongest))
                + " (fused " + Decimals.two(track.values.get(strongest)) + " × context weight "
                + Decimals.two(s.contextWeight()) + "), confidence " + Decimals.two(s.confidence())
                + ", momentum " + Decimals.signedTwo(track.momentum.get(strongest)) + "/min");
        if (ambiguity.ambiguous()) {
            steps.add("ambiguous: " + (ambiguity.conflicting() ? "modalities disagree on " + strongest.wireName()
                    : ambiguity.nearTie() ? s.runnerUp().wireName() + " " + Decimals.two(s.weighted().get(s.runnerUp())) + " is close"
                    : "confidence below " + p.minConfidence()));
        }
        steps.add("rule " + rule.id() + " offers " + rule.interventions());
        if (!personalization.allowed()) {
            steps.add("personalization off (" + personalization.basis() + "): non-personalized default");
        } else {
            if (ambiguity.ambiguous()) {
                steps.add("only safe interventions: " + candidates.allowed());
            }
            steps.add("personalization allowed (" + personalization.basis() + ")");
        }
        if (choice.chooser().equals("thompson")) {
            steps.add("thompson sampling in context " + choice.banditContext() + " chose " + choice.chosen());
        }
        if (guardrail.active()) {
            steps.add(guardrail.text());
        }
        steps.add("group " + group.name() + " (bucket " + group.bucket() + "); action " + outcome.type() + ": " + outcome.reason());
        steps.add("policy " + p.version());
        return steps;
    }

    /** {@code checkout_pause (detail) at stage checkout, moment buy}; several triggers separated by {@code ; }. */
    static String describeMoment(List<Trigger> moment, LabelTrack track) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < moment.size(); i++) {
            t.append(i == 0 ? "" : "; ").append(moment.get(i).name()).append(" (").append(moment.get(i).detail()).append(')');
        }
        return t.append(" at stage ").append(lower(track.stage)).append(", moment ").append(lower(track.moment)).toString();
    }

    /** Null when the moment may act; otherwise why it is withheld (cooldown or frequency cap). */
    private static String withheldReason(Policy p, long ts, String[] triggers, DecisionHistory history) {
        for (String trigger : triggers) {
            long last = history.lastAct(trigger);
            if (last != Long.MIN_VALUE && ts - last < p.cooldownMs()) {
                return "cooldown: " + trigger + " acted " + (ts - last) / 1000 + "s ago (cooldown "
                        + p.cooldownMs() / 1000 + "s)";
            }
        }
        int recent = history.actsSince(ts - p.capWindowMs());
        if (recent >= p.maxActs()) {
            return "frequency cap: " + recent + " actions in the last " + p.capWindowMs() / 60_000 + " min";
        }
        return null;
    }

    /** The labels the modalities disagree about, as the audit record keeps them. */
    private static String[] conflicting(LabelTrack track) {
        return track.conflictingLabels == null ? new String[0] : track.conflictingLabels.clone();
    }

    private static String[] modalities(LabelTrack track) {
        List<String> m = new ArrayList<>(4);
        m.add("behaviour");
        if (sum(track.textEvidence) > 0.05) {
            m.add("text");
        }
        if (sum(track.faceEvidence) > 0.05) {
            m.add("face");
        }
        if (sum(track.voiceEvidence) > 0.05) {
            m.add("voice");
        }
        return m.toArray(String[]::new);
    }

    private static double sum(LabelScores s) {
        double total = 0;
        for (Label label : Label.values()) {
            total += s.get(label);
        }
        return total;
    }

    private static Label runnerUp(LabelScores labels, Label strongest) {
        Label best = null;
        for (Label label : Label.values()) {
            if (label != strongest && (best == null || labels.get(label) > labels.get(best))) {
                best = label;
            }
        }
        return best;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String decisionId(String sessionId, long ts, String[] triggers) {
        String key = sessionId + '|' + ts + '|' + String.join(",", triggers);
        byte[] digest = Holdout.sha256(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The label band used in lift reports. */
    public static String band(double value) {
        return value < 0.4 ? "low" : value < 0.7 ? "mid" : "high";
    }
}
