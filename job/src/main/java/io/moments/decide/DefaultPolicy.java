package io.moments.decide;

import io.moments.friction.FrictionPatterns;
import io.moments.ingest.Consent;
import io.moments.labels.LabelScores;
import io.moments.labels.LabelTrack;
import io.moments.labels.SessionLabeler;
import io.moments.models.Label;
import io.moments.privacy.PersonalizationConsent;

import java.io.Serializable;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in policy: picks an intervention for the triggers of a moment, then applies, in order,
 * consent, ambiguity (safe interventions only), guardrails (no pressure tactics on a frustrated or
 * hesitant shopper), cooldown and frequency caps, and the holdout. Every step that changes the
 * outcome is written into the reason and the explanation.
 */
public final class DefaultPolicy implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String SAFE_DEFAULT = "clarify_shipping_returns";
    static final String NON_PERSONALIZED_DEFAULT = "default_content";
    private static final Set<String> SAFE_INTERVENTIONS = Set.of(
            SAFE_DEFAULT, "simplify_form", "offer_help", "show_guarantees", "show_value", "clarify_options", "reassure_checkout",
            NON_PERSONALIZED_DEFAULT);
    private static final String[] PRESSURE_TACTICS = {"urgency", "scarcity", "countdown"};

    private final PolicySettings settings;

    public DefaultPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    /**
     * Decides one moment. Records the act in {@code history} when the moment counts against caps.
     *
     * @param triggers friction patterns first, then label crossings; at least one
     * @param details  evidence per trigger for the explanation (same order), no user content
     */
    public Decision decide(String sessionId, long ts, String[] triggers, String[] details, LabelTrack track,
                           Consent consent, DecisionHistory history, long emittedAt) {
        LabelScores labels = track.values;
        Label strongest = labels.strongest();
        double confidence = SessionLabeler.confidence(track, strongest);
        Label runnerUp = runnerUp(labels, strongest);
        boolean conflicting = labels.get(runnerUp) >= 0.4 && labels.get(strongest) - labels.get(runnerUp) < 0.1;
        boolean ambiguous = confidence < settings.minConfidence() || conflicting;

        StringBuilder why = new StringBuilder();
        for (int i = 0; i < triggers.length; i++) {
            why.append(i == 0 ? "" : "; ").append(triggers[i]).append(" (").append(details[i]).append(')');
        }
        why.append(String.format(Locale.ROOT, " at stage %s, moment %s; strongest label %s %.2f (confidence %.2f)",
                track.stage.name().toLowerCase(Locale.ROOT), track.moment.name().toLowerCase(Locale.ROOT),
                strongest.wireName(), labels.get(strongest), confidence));
        if (ambiguous) {
            why.append(conflicting
                    ? String.format(Locale.ROOT, "; ambiguous: %s %.2f is close", runnerUp.wireName(), labels.get(runnerUp))
                    : "; ambiguous: confidence below " + settings.minConfidence());
        }

        String intervention = interventionFor(triggers[0], strongest, labels, ambiguous);
        String tone = toneFor(strongest, labels);
        String[] suppressed = new String[0];
        String guardrail = "";
        if (labels.frustration() >= settings.highLabel() || labels.hesitation() >= settings.highLabel()) {
            suppressed = PRESSURE_TACTICS.clone();
            guardrail = String.format(Locale.ROOT, "urgency/scarcity/countdown suppressed (frustration %.2f, hesitation %.2f)",
                    labels.frustration(), labels.hesitation());
            why.append("; ").append(guardrail);
        }
        if (ambiguous && !SAFE_INTERVENTIONS.contains(intervention)) {
            why.append("; ").append(intervention).append(" replaced by safe ").append(SAFE_DEFAULT);
            intervention = SAFE_DEFAULT;
        }

        PersonalizationConsent personalization = PersonalizationConsent.of(consent);
        if (!personalization.allowed()) {
            intervention = NON_PERSONALIZED_DEFAULT;
            tone = "neutral";
        }
        why.append("; personalization ").append(personalization.allowed() ? "allowed" : "off")
                .append(" (").append(personalization.basis()).append(')');

        int bucket = Holdout.bucket(sessionId);
        String group = bucket < settings.holdoutPercent() ? Decision.HOLDOUT : Decision.TREATMENT;
        String reason = withheldReason(ts, triggers, history);
        String type;
        if (reason != null) {
            type = Action.NONE;
        } else {
            history.recordAct(ts, triggers, settings.maxActs());
            if (group.equals(Decision.HOLDOUT)) {
                type = Action.NONE;
                reason = "holdout: session bucket " + bucket + " < " + settings.holdoutPercent();
            } else {
                type = Action.INTERVENTION;
                reason = personalization.allowed()
                        ? intervention + " for " + triggers[0] + (ambiguous ? " (safe choice: ambiguous)" : "")
                        : "non-personalized default: " + personalization.basis();
                if (!guardrail.isEmpty()) {
                    reason += "; " + guardrail;
                }
            }
        }
        why.append("; group ").append(group).append(" (bucket ").append(bucket).append(')')
                .append("; action ").append(type).append(": ").append(reason)
                .append("; policy ").append(settings.version());

        return new Decision(decisionId(sessionId, ts, triggers), sessionId, ts, emittedAt, track.moment, track.stage,
                labels, confidence, ambiguous, triggers, group,
                new Action(type, intervention, tone, suppressed, personalization.allowed(), reason),
                settings.version(), why.toString());
    }

    /** Null when the moment may act; otherwise why it is withheld (cooldown or frequency cap). */
    private String withheldReason(long ts, String[] triggers, DecisionHistory history) {
        for (String trigger : triggers) {
            long last = history.lastActByTrigger[Triggers.index(trigger)];
            if (last != Long.MIN_VALUE && ts - last < settings.cooldown().toMillis()) {
                return "cooldown: " + trigger + " acted " + (ts - last) / 1000 + "s ago (cooldown "
                        + settings.cooldown().toSeconds() + "s)";
            }
        }
        int recent = history.actsSince(ts - settings.capWindow().toMillis());
        if (recent >= settings.maxActs()) {
            return "frequency cap: " + recent + " actions in the last " + settings.capWindow().toMinutes() + " min";
        }
        return null;
    }

    static String interventionFor(String trigger, Label strongest, LabelScores labels, boolean ambiguous) {
        return switch (trigger) {
            case FrictionPatterns.CHECKOUT_PAUSE -> switch (strongest) {
                case PRICE_SENSITIVITY -> labels.priceSensitivity() > 0 ? "highlight_total_value" : "reassure_checkout";
                case TRUST_CONCERN -> "show_guarantees";
                case FRUSTRATION, CONFUSION -> "simplify_checkout";
                default -> "reassure_checkout";
            };
            case FrictionPatterns.PRICING_CONTACT -> "offer_pricing_help";
            case FrictionPatterns.RAGE_CLICK -> "offer_help";
            case FrictionPatterns.FORM_ERROR_LOOP -> "simplify_form";
            default -> switch (Label.fromWireName(trigger.substring("label:".length()))) {
                case HESITATION -> "reassure_returns";
                case CONFUSION -> "clarify_options";
                case FRUSTRATION -> "offer_help";
                case TRUST_CONCERN -> "show_guarantees";
                case PRICE_SENSITIVITY -> ambiguous ? "show_value" : "offer_discount";
                case DELIGHT -> "recommend_complementary";
            };
        };
    }

    private static String toneFor(Label strongest, LabelScores labels) {
        if (labels.get(strongest) < 0.2) {
            return "neutral";
        }
        return switch (strongest) {
            case FRUSTRATION, HESITATION, CONFUSION -> "calm";
            case TRUST_CONCERN -> "reassuring";
            case PRICE_SENSITIVITY -> "value";
            case DELIGHT -> "upbeat";
        };
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

    static String decisionId(String sessionId, long ts, String[] triggers) {
        String key = sessionId + '|' + ts + '|' + String.join(",", triggers);
        byte[] digest = Holdout.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
