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
 * cap, and finally the holdout. Every step that shapes the outcome is recorded, in the decision's
 * explanation and in the audit record.
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
        String[] triggers = moment.stream().map(Trigger::name).toArray(String[]::new);
        String[] details = moment.stream().map(Trigger::detail).toArray(String[]::new);
        String decisionId = decisionId(sessionId, ts, triggers);
        List<String> steps = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < triggers.length; i++) {
            t.append(i == 0 ? "" : "; ").append(triggers[i]).append(" (").append(details[i]).append(')');
        }
        steps.add(t.append(" at stage ").append(lower(track.stage)).append(", moment ").append(lower(track.moment)).toString());

        LabelScores labels = track.values;
        LabelScores weighted = LabelScores.ZERO;
        for (Label label : Label.values()) {
            weighted = weighted.with(label, Math.min(1, labels.get(label) * p.weight(track.stage, track.moment, label)));
        }
        Label strongest = weighted.strongest();
        Label runnerUp = runnerUp(weighted, strongest);
        double confidence = track.confidence.get(strongest);
        steps.add("strongest label " + strongest.wireName() + " " + Decimals.two(weighted.get(strongest))
                + " (fused " + Decimals.two(labels.get(strongest)) + " × context weight "
                + Decimals.two(p.weight(track.stage, track.moment, strongest)) + "), confidence " + Decimals.two(confidence)
                + ", momentum " + Decimals.signedTwo(track.momentum.get(strongest)) + "/min");
        boolean nearTie = weighted.get(runnerUp) >= CONFLICT_FLOOR
                && weighted.get(strongest) - weighted.get(runnerUp) < p.nearTieGap();
        boolean conflicting = track.conflicting(strongest);
        boolean ambiguous = confidence < p.minConfidence() || nearTie || conflicting;
        if (ambiguous) {
            steps.add("ambiguous: " + (conflicting ? "modalities disagree on " + strongest.wireName()
                    : nearTie ? runnerUp.wireName() + " " + Decimals.two(weighted.get(runnerUp)) + " is close"
                    : "confidence below " + p.minConfidence()));
        }

        Policy.Rule rule = p.ruleFor(triggers[0], strongest, track.stage, track.moment);
        steps.add("rule " + rule.id() + " offers " + rule.interventions());
        PersonalizationConsent personalization = PersonalizationConsent.of(consent, p.consent());
        List<String> allowed = new ArrayList<>();
        if (!personalization.allowed()) {
            allowed.add(p.nonPersonalizedDefault());
            steps.add("personalization off (" + personalization.basis() + "): non-personalized default");
        } else {
            for (String c : rule.interventions()) {
                if (!ambiguous || p.intervention(c).safe()) {
                    allowed.add(c);
                }
            }
            if (allowed.isEmpty()) {
                allowed.add(p.safeDefault());
            }
            if (ambiguous) {
                steps.add("only safe interventions: " + allowed);
            }
            steps.add("personalization allowed (" + personalization.basis() + ")");
        }

        int bucket = Holdout.bucket(sessionId);
        String group = bucket < p.holdoutPercent() ? Decision.HOLDOUT : Decision.TREATMENT;
        String banditContext = rule.id() + "@" + lower(track.stage);
        String chooser;
        String chosen;
        if (group.equals(Decision.HOLDOUT)) {
            chooser = "holdout";
            chosen = allowed.get(0); // what the static policy would have done: the holdout stays untouched
        } else if (p.learning().enabled() && allowed.size() > 1) {
            chooser = "thompson";
            chosen = bandit.choose(banditContext, allowed, p.learning().priorSuccesses(), p.learning().priorFailures(),
                    Long.parseUnsignedLong(decisionId.substring(0, 15), 16));
            steps.add("thompson sampling in context " + banditContext + " chose " + chosen);
        } else {
            chooser = "rule-order";
            chosen = allowed.get(0);
        }

        String[] suppressed = new String[0];
        String guardrail = "";
        for (var e : p.suppressWhen().entrySet()) {
            if (labels.get(e.getKey()) >= e.getValue()) {
                suppressed = p.pressureTactics().toArray(String[]::new);
                guardrail = String.join("/", suppressed) + " suppressed (" + e.getKey().wireName() + " "
                        + Decimals.two(labels.get(e.getKey())) + " ≥ " + Decimals.two(e.getValue()) + ")";
                steps.add(guardrail);
                break;
            }
        }

        String reason = withheldReason(p, ts, triggers, history);
        String type;
        if (reason != null) {
            type = Action.NONE;
        } else {
            history.recordAct(ts, triggers, p.maxActs());
            if (group.equals(Decision.HOLDOUT)) {
                type = Action.NONE;
                reason = "holdout: session bucket " + bucket + " < " + p.holdoutPercent();
            } else {
                type = Action.INTERVENTION;
                reason = personalization.allowed()
                        ? chosen + " by rule " + rule.id() + (ambiguous ? " (safe choice: ambiguous)" : "")
                        : "non-personalized default: " + personalization.basis();
                if (!guardrail.isEmpty()) {
                    reason += "; " + guardrail;
                }
            }
        }
        steps.add("group " + group + " (bucket " + bucket + "); action " + type + ": " + reason);
        steps.add("policy " + p.version());

        Policy.Intervention intervention = p.intervention(chosen);
        Action action = new Action(type, chosen, intervention.adTone(), suppressed,
                personalization.allowed() && !chosen.equals(p.nonPersonalizedDefault()), reason);
        Targeting targeting = Targeting.of(track.moment, intervention.adTone(), suppressed, personalization.allowed(),
                group.equals(Decision.HOLDOUT));
        Decision decision = new Decision(decisionId, sessionId, ts, emittedAt, track.moment, track.stage, labels,
                track.confidence, track.momentum, modalities(track), confidence, ambiguous, triggers, rule.id(), group,
                action, p.version(), String.join("; ", steps), ts + intervention.expiryMs(), targeting);
        AuditRecord audit = new AuditRecord(decisionId, sessionId, ts, p.version(), rule.id(), triggers, details, labels,
                weighted, track.confidence, track.momentum, track.behaviour, track.text, track.face, track.voice,
                p.labels().threshold(), p.minConfidence(), personalization.basis(), personalization.jurisdiction(),
                personalization.signal(), bucket,
                rule.interventions().toArray(String[]::new), allowed.toArray(String[]::new), chosen, chooser,
                steps.toArray(String[]::new));
        return new Verdict(decision, audit, banditContext, type.equals(Action.INTERVENTION), personalization);
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
