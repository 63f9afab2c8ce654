package io.moments.decide;

import io.moments.ingest.Consent;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelTrack;
import io.moments.labels.Moment;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.privacy.PersonalizationConsent;
import io.moments.privacy.TcfStrings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of {@link PolicyEngine#decide}, one at a time, against the shipped default policy. */
class PolicyEngineStepsTest {

    private static final Policy P = Policy.defaultPolicy();
    private static final long T = 1_763_632_800_000L;
    private static final PersonalizationConsent YES = PersonalizationConsent.of(
            new Consent(TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7), false, false), P.consent());
    private static final PersonalizationConsent GPC = PersonalizationConsent.of(
            new Consent(TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7), true, false), P.consent());
    private static final PolicyEngine.Ambiguity CLEAR = new PolicyEngine.Ambiguity(false, false, false);
    private static final PolicyEngine.Ambiguity CONFLICT = new PolicyEngine.Ambiguity(true, false, false);

    /** hesitation, confusion, frustration, trust_concern, price_sensitivity, delight */
    private static LabelTrack track(FunnelStage stage, double confidence, double... values) {
        LabelTrack t = new LabelTrack();
        t.values = new LabelScores(values[0], values[1], values[2], values[3], values[4], values[5]);
        t.confidence = new LabelScores(confidence, confidence, confidence, confidence, confidence, confidence);
        t.stage = stage;
        t.moment = Moment.BUY;
        return t;
    }

    private static Policy.Rule rule(String id) {
        return P.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static String session(boolean heldOut) {
        for (int i = 0; ; i++) {
            if ((Holdout.bucket("s" + i) < P.holdoutPercent()) == heldOut) {
                return "s" + i;
            }
        }
    }

    @Test
    void scoresWeighTheLabelsByContextAndCapThemAtOne() {
        // consider: hesitation × 0.8, price_sensitivity × 1.2
        PolicyEngine.Scores s = PolicyEngine.scores(P, track(FunnelStage.CONSIDER, 0.9, 0.5, 0, 0, 0, 0.45, 0));
        assertThat(s.strongest()).isEqualTo(Label.PRICE_SENSITIVITY);
        assertThat(s.runnerUp()).isEqualTo(Label.HESITATION);
        assertThat(s.weighted().get(Label.PRICE_SENSITIVITY)).isCloseTo(0.54, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.weighted().get(Label.HESITATION)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.contextWeight()).isEqualTo(1.2);
        assertThat(s.confidence()).isEqualTo(0.9);
        assertThat(PolicyEngine.scores(P, track(FunnelStage.CONSIDER, 1, 0, 0, 0, 0, 0.95, 0))
                .weighted().get(Label.PRICE_SENSITIVITY)).isEqualTo(1.0);
    }

    @Test
    void ambiguityNamesItsCause() {
        LabelTrack nearTie = track(FunnelStage.BROWSE, 0.9, 0.6, 0.55, 0, 0, 0, 0);
        assertThat(PolicyEngine.ambiguity(P, nearTie, PolicyEngine.scores(P, nearTie)))
                .isEqualTo(new PolicyEngine.Ambiguity(false, true, false));
        // as close, but the runner-up is below the 0.4 floor: no tie
        LabelTrack weak = track(FunnelStage.BROWSE, 0.9, 0.35, 0.3, 0, 0, 0, 0);
        assertThat(PolicyEngine.ambiguity(P, weak, PolicyEngine.scores(P, weak)).ambiguous()).isFalse();
        LabelTrack unsure = track(FunnelStage.BROWSE, 0.4, 0.8, 0, 0, 0, 0, 0);
        assertThat(PolicyEngine.ambiguity(P, unsure, PolicyEngine.scores(P, unsure)))
                .isEqualTo(new PolicyEngine.Ambiguity(false, false, true));
        LabelTrack disagree = track(FunnelStage.BROWSE, 0.9, 0.8, 0, 0, 0, 0, 0);
        disagree.conflictingLabels = new String[]{"hesitation"};
        assertThat(PolicyEngine.ambiguity(P, disagree, PolicyEngine.scores(P, disagree)).conflicting()).isTrue();
    }

    @Test
    void candidatesAreNarrowedByConsentAndAmbiguity() {
        assertThat(PolicyEngine.candidates(P, rule("price"), YES, false).allowed()).containsExactly("offer_discount", "show_value");
        assertThat(PolicyEngine.candidates(P, rule("price"), YES, true).allowed()).containsExactly("show_value");
        // nothing safe left: the policy's safe default
        assertThat(PolicyEngine.candidates(P, rule("delight"), YES, true).allowed()).containsExactly("clarify_shipping_returns");
        assertThat(PolicyEngine.candidates(P, rule("price"), GPC, false).allowed()).containsExactly("default_content");
    }

    @Test
    void theGroupFollowsTheSessionsBucket() {
        PolicyEngine.Group held = PolicyEngine.group(P, session(true));
        assertThat(held.heldOut()).isTrue();
        assertThat(held.bucket()).isLessThan(10);
        PolicyEngine.Group treated = PolicyEngine.group(P, session(false));
        assertThat(treated.name()).isEqualTo(Decision.TREATMENT);
        assertThat(treated.bucket()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theChoiceIsRuleOrderTheHoldoutsOrTheBandits() throws Exception {
        LabelTrack t = track(FunnelStage.CART, 0.9, 0, 0, 0, 0, 0.8, 0);
        var two = new PolicyEngine.Candidates(List.of("offer_discount", "show_value"));
        var treated = new PolicyEngine.Group(50, Decision.TREATMENT);
        String id = PolicyEngine.decisionId("s", T, new String[]{"label:price_sensitivity"});
        assertThat(PolicyEngine.choose(P, rule("price"), t, treated, two, new ThompsonBandit(), id))
                .isEqualTo(new PolicyEngine.Choice("offer_discount", "rule-order", "price@cart", 1));
        assertThat(PolicyEngine.choose(P, rule("price"), t, new PolicyEngine.Group(3, Decision.HOLDOUT), two, new ThompsonBandit(), id))
                .isEqualTo(new PolicyEngine.Choice("offer_discount", "holdout", "price@cart", 0.1));
        Policy learning = Policy.parse(P.json().replace("\"enabled\":false", "\"enabled\":true"));
        ThompsonBandit bandit = new ThompsonBandit();
        for (int i = 0; i < 200; i++) {
            bandit.learn("price@cart", "show_value", true);
            bandit.learn("price@cart", "offer_discount", false);
        }
        PolicyEngine.Choice learned = PolicyEngine.choose(learning, rule("price"), t, treated, two, bandit, id);
        assertThat(learned).usingRecursiveComparison().ignoringFields("propensity")
                .isEqualTo(new PolicyEngine.Choice("show_value", "thompson", "price@cart", 0));
        assertThat(learned.propensity()).as("200 wins against 200 losses: the race is all but certain")
                .isGreaterThan(0.99).isLessThanOrEqualTo(1);
        // a cold start: both posteriors are the prior, each arm has exactly half the chance
        assertThat(PolicyEngine.choose(learning, rule("price"), t, treated, two, new ThompsonBandit(), id).propensity())
                .isEqualTo(0.5);
        // one candidate: nothing to sample
        assertThat(PolicyEngine.choose(learning, rule("price"), t, treated, new PolicyEngine.Candidates(List.of("show_value")),
                bandit, id).chooser()).isEqualTo("rule-order");
    }

    @Test
    void theGuardrailSuppressesThePressureTacticsWhileALabelIsHigh() {
        PolicyEngine.Guardrail g = PolicyEngine.guardrail(P, new LabelScores(0, 0, 0.62, 0, 0, 0));
        assertThat(g.suppressed()).containsExactly("urgency", "scarcity", "countdown");
        assertThat(g.text()).isEqualTo("urgency/scarcity/countdown suppressed (frustration 0.62 ≥ 0.50)");
        PolicyEngine.Guardrail none = PolicyEngine.guardrail(P, new LabelScores(0.49, 0, 0.49, 0, 0, 0.9));
        assertThat(none.active()).isFalse();
        assertThat(none.suppressed()).isEmpty();
    }

    @Test
    void theOutcomeIsWithheldHeldOutOrActedOn() {
        String[] triggers = {"rage_click"};
        var choice = new PolicyEngine.Choice("offer_help", "rule-order", "rage@cart", 1);
        var treated = new PolicyEngine.Group(50, Decision.TREATMENT);
        var guard = PolicyEngine.guardrail(P, new LabelScores(0, 0, 0.62, 0, 0, 0));
        DecisionHistory h = new DecisionHistory();
        PolicyEngine.Outcome acted = PolicyEngine.act(P, T, triggers, h, treated, YES, rule("rage"), choice, CONFLICT, guard);
        assertThat(acted.acted()).isTrue();
        assertThat(acted.reason()).isEqualTo("offer_help by rule rage (safe choice: ambiguous); "
                + "urgency/scarcity/countdown suppressed (frustration 0.62 ≥ 0.50)");
        assertThat(h.lastAct("rage_click")).isEqualTo(T);
        PolicyEngine.Outcome cooled = PolicyEngine.act(P, T + 30_000, triggers, h, treated, YES, rule("rage"), choice, CLEAR,
                PolicyEngine.Guardrail.NONE);
        assertThat(cooled).isEqualTo(new PolicyEngine.Outcome(Action.NONE, "cooldown: rage_click acted 30s ago (cooldown 120s)"));
        assertThat(h.lastAct("rage_click")).as("a withheld moment is not an act").isEqualTo(T);
        PolicyEngine.Outcome held = PolicyEngine.act(P, T, new String[]{"form_error_loop"}, new DecisionHistory(),
                new PolicyEngine.Group(3, Decision.HOLDOUT), YES, rule("form-loop"), choice, CLEAR, PolicyEngine.Guardrail.NONE);
        assertThat(held).isEqualTo(new PolicyEngine.Outcome(Action.NONE, "holdout: session bucket 3 < 10"));
        PolicyEngine.Outcome anonymous = PolicyEngine.act(P, T, triggers, new DecisionHistory(), treated, GPC, rule("rage"),
                choice, CLEAR, PolicyEngine.Guardrail.NONE);
        assertThat(anonymous.reason()).isEqualTo("non-personalized default: " + GPC.basis());
    }

    @Test
    void theExplanationHasOneSentencePerStepThatMattered() {
        LabelTrack t = track(FunnelStage.CHECKOUT, 0.9, 0, 0, 0.6, 0, 0, 0);
        List<Trigger> moment = List.of(new Trigger("rage_click", "3 clicks on #pay"), new Trigger("label:frustration", "0.60"));
        assertThat(PolicyEngine.describeMoment(moment, t))
                .isEqualTo("rage_click (3 clicks on #pay); label:frustration (0.60) at stage checkout, moment buy");
        var scores = PolicyEngine.scores(P, t);
        var choice = new PolicyEngine.Choice("offer_help", "thompson", "rage@checkout", 0.5);
        var guard = PolicyEngine.guardrail(P, t.values);
        var group = new PolicyEngine.Group(42, Decision.TREATMENT);
        var outcome = new PolicyEngine.Outcome(Action.INTERVENTION, "offer_help by rule rage");
        List<String> ambiguous = PolicyEngine.explain(P, moment, t, scores, CONFLICT, rule("rage"), YES,
                new PolicyEngine.Candidates(List.of("offer_help")), choice, guard, group, outcome);
        assertThat(ambiguous).hasSize(10);
        assertThat(ambiguous.get(1)).startsWith("strongest label frustration 0.72 (fused 0.60 × context weight 1.20)");
        assertThat(ambiguous.subList(2, 10)).containsExactly(
                "ambiguous: modalities disagree on frustration",
                "rule rage offers [offer_help]",
                "only safe interventions: [offer_help]",
                "personalization allowed (" + YES.basis() + ")",
                "thompson sampling in context rage@checkout chose offer_help",
                "urgency/scarcity/countdown suppressed (frustration 0.60 ≥ 0.50)",
                "group treatment (bucket 42); action intervention: offer_help by rule rage",
                "policy default-v1");
        List<String> anonymous = PolicyEngine.explain(P, moment, t, scores, CLEAR, rule("rage"), GPC,
                new PolicyEngine.Candidates(List.of("default_content")),
                new PolicyEngine.Choice("default_content", "rule-order", "rage@checkout", 1), PolicyEngine.Guardrail.NONE,
                group, outcome);
        assertThat(anonymous).hasSize(6).doesNotContain("only safe interventions: [default_content]")
                .contains("personalization off (" + GPC.basis() + "): non-personalized default");
    }
}
