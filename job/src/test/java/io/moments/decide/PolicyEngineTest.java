package io.moments.decide;

import io.moments.ingest.Consent;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelTrack;
import io.moments.labels.Moment;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    private static final Consent FULL = new Consent(TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7), false, false);
    private static final long T = 1_763_632_800_000L;
    private static final Policy POLICY = Policy.defaultPolicy();
    private final ThompsonBandit bandit = new ThompsonBandit();

    /** A session id outside the holdout (the bucket is a pure function of the id). */
    static String treated(String prefix) {
        for (int i = 0; ; i++) {
            if (!Holdout.isHeldOut(prefix + i, POLICY.holdoutPercent())) {
                return prefix + i;
            }
        }
    }

    static LabelTrack track(LabelScores values, double confidence) {
        LabelTrack t = new LabelTrack();
        t.values = values;
        t.confidence = new LabelScores(confidence, confidence, confidence, confidence, confidence, confidence);
        return t;
    }

    private Decision decide(Policy p, String session, String trigger, LabelTrack track, Consent consent,
                            DecisionHistory h, long ts) {
        return PolicyEngine.decide(p, session, ts, List.of(new Trigger(trigger, "test")), track, consent, h,
                bandit, T).decision();
    }

    private Decision decide(String session, String trigger, LabelTrack track, Consent consent, DecisionHistory h, long ts) {
        return decide(POLICY, session, trigger, track, consent, h, ts);
    }

    @Test
    void pressureTacticsAreSuppressedWhileFrustrationIsHigh() {
        Decision d = decide(treated("s"), "label:delight", track(new LabelScores(0, 0, 0.7, 0, 0, 0.75), 0.9),
                FULL, new DecisionHistory(), T);
        assertThat(d.action().suppressedTactics()).containsExactly("urgency", "scarcity", "countdown");
        assertThat(d.action().reason()).contains("urgency/scarcity/countdown suppressed (frustration 0.70");
    }

    @Test
    void calmShoppersGetNoSuppressionAndTheRuleNamesItself() {
        Decision d = decide(treated("s"), "label:delight", track(new LabelScores(0, 0, 0, 0, 0, 0.8), 0.9),
                FULL, new DecisionHistory(), T);
        assertThat(d.action().suppressedTactics()).isEmpty();
        assertThat(d.action().intervention()).isEqualTo("recommend_complementary");
        assertThat(d.rule()).isEqualTo("delight");
        assertThat(d.action().type()).isEqualTo(Action.INTERVENTION);
        assertThat(d.action().personalized()).isTrue();
        assertThat(d.action().adTone()).isEqualTo("upbeat");
    }

    @Test
    void ambiguousSignalsGetOnlySafeInterventions() {
        LabelScores price = new LabelScores(0, 0, 0, 0, 0.8, 0);
        Decision targeted = decide(treated("s"), "label:price_sensitivity", track(price, 0.9), FULL, new DecisionHistory(), T);
        Decision lowConfidence = decide(treated("s"), "label:price_sensitivity", track(price, 0.3), FULL, new DecisionHistory(), T);
        Decision nearTie = decide(treated("s"), "label:price_sensitivity",
                track(new LabelScores(0, 0, 0, 0.75, 0.8, 0), 0.9), FULL, new DecisionHistory(), T);
        LabelTrack conflicted = track(price, 0.9);
        conflicted.conflictingLabels = new String[]{"price_sensitivity"};
        Decision conflicting = decide(treated("s"), "label:price_sensitivity", conflicted, FULL, new DecisionHistory(), T);

        assertThat(targeted.ambiguous()).isFalse();
        assertThat(targeted.action().intervention()).isEqualTo("offer_discount");
        for (Decision d : List.of(lowConfidence, nearTie, conflicting)) {
            assertThat(d.ambiguous()).isTrue();
            assertThat(POLICY.intervention(d.action().intervention()).safe()).isTrue();
            assertThat(d.action().intervention()).isEqualTo("show_value");
        }
        assertThat(nearTie.explanation()).contains("ambiguous: trust_concern 0.75 is close");
        assertThat(conflicting.explanation()).contains("modalities disagree on price_sensitivity");
    }

    @Test
    void theSameCueMeansMoreAtCheckoutThanWhileComparing() {
        // Hesitation 0.6 and trust 0.5: at checkout hesitation is weighted up (1.3) and wins;
        // while considering it is weighted down (0.8) and trust wins.
        LabelScores labels = new LabelScores(0.6, 0, 0, 0.5, 0, 0);
        LabelTrack checkout = track(labels, 0.9);
        checkout.stage = FunnelStage.CHECKOUT;
        checkout.moment = Moment.BUY;
        LabelTrack consider = track(labels, 0.9);
        consider.stage = FunnelStage.CONSIDER;
        consider.moment = Moment.KNOW;
        Decision atCheckout = decide(treated("s"), "checkout_pause", checkout, FULL, new DecisionHistory(), T);
        Decision comparing = decide(treated("s"), "checkout_pause", consider, FULL, new DecisionHistory(), T);
        assertThat(atCheckout.rule()).isEqualTo("pause");
        assertThat(atCheckout.explanation()).contains("strongest label hesitation 0.78");
        assertThat(comparing.rule()).isEqualTo("pause-trust");
        assertThat(comparing.action().intervention()).isEqualTo("show_guarantees");
    }

    @Test
    void gpcAndMissingTcfPurposesMeanNonPersonalized() {
        LabelTrack t = track(new LabelScores(0.7, 0, 0, 0, 0, 0), 0.9);
        Decision gpc = decide(treated("s"), "checkout_pause", t, new Consent(FULL.tcf(), true, false), new DecisionHistory(), T);
        Decision basicOnly = decide(treated("s"), "checkout_pause", t,
                new Consent(TcfStrings.withPurposes(1), false, false), new DecisionHistory(), T);
        Decision garbage = decide(treated("s"), "checkout_pause", t, new Consent("not-a-tcf-string", false, false),
                new DecisionHistory(), T);
        Decision none = decide(treated("s"), "checkout_pause", t, null, new DecisionHistory(), T);
        for (Decision d : new Decision[]{gpc, basicOnly, garbage, none}) {
            assertThat(d.action().personalized()).isFalse();
            assertThat(d.action().intervention()).isEqualTo("default_content");
            assertThat(d.action().reason()).startsWith("non-personalized default");
        }
        assertThat(gpc.action().reason()).contains("gpc");
        assertThat(basicOnly.action().reason()).contains("purposes 3,4,5,6 not consented");
        assertThat(garbage.action().reason()).contains("does not decode");
    }

    @Test
    void holdoutIsDeterministicAboutTheConfiguredShareAndTakesNoAction() {
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "session-" + i;
            assertThat(Holdout.bucket(id)).isEqualTo(Holdout.bucket(id)).isBetween(0, 99);
            held += Holdout.isHeldOut(id, 10) ? 1 : 0;
        }
        assertThat(held).isBetween(1_800, 2_200);

        String heldOut = "x";
        for (int i = 0; !Holdout.isHeldOut(heldOut, 10); i++) {
            heldOut = "held-" + i;
        }
        Decision d = decide(heldOut, "checkout_pause", track(new LabelScores(0.7, 0, 0, 0, 0, 0), 0.9), FULL,
                new DecisionHistory(), T);
        assertThat(d.group()).isEqualTo(Decision.HOLDOUT);
        assertThat(d.action().type()).isEqualTo(Action.NONE);
        assertThat(d.action().intervention()).isEqualTo("reassure_checkout"); // what treatment would have got
        assertThat(d.action().reason()).startsWith("holdout: session bucket");
        assertThat(d.propensity()).as("the chance of the holdout split that chose its action").isEqualTo(0.10);
    }

    /** 1 for the rule order; the Thompson race's chance when learning chose; the split's chance in the holdout. */
    @Test
    void everyDecisionCarriesThePropensityOfItsChoice() throws Exception {
        LabelTrack t = track(new LabelScores(0, 0, 0, 0, 0.8, 0), 0.9);
        t.stage = FunnelStage.CART;
        String session = treated("p-");
        Decision ruleOrder = decide(session, "label:price_sensitivity", t, FULL, new DecisionHistory(), T);
        assertThat(ruleOrder.action().intervention()).isEqualTo("offer_discount");
        assertThat(ruleOrder.propensity()).isEqualTo(1);

        Policy learning = Policy.parse(POLICY.json().replace("\"enabled\":false", "\"enabled\":true"));
        assertThat(learning.learning().enabled()).isTrue();
        ThompsonBandit cold = new ThompsonBandit();
        PolicyEngine.Verdict first = PolicyEngine.decide(learning, session, T, List.of(new Trigger("label:price_sensitivity",
                "test")), t, FULL, new DecisionHistory(), cold, T);
        assertThat(first.audit().chooser()).isEqualTo("thompson");
        assertThat(first.decision().propensity()).as("two arms, one prior: even").isEqualTo(0.5);

        ThompsonBandit learned = new ThompsonBandit();
        for (int i = 0; i < 3; i++) {
            learned.learn("price@cart", "show_value", true);
            learned.learn("price@cart", "offer_discount", i == 0);
        }
        Decision d = PolicyEngine.decide(learning, session, T, List.of(new Trigger("label:price_sensitivity", "test")), t,
                FULL, new DecisionHistory(), learned, T).decision();
        double expected = learned.propensity("price@cart", List.of("offer_discount", "show_value"),
                d.action().intervention(), 1, 1, Long.parseUnsignedLong(d.decisionId().substring(16, 31), 16));
        assertThat(d.propensity()).isEqualTo(expected).isGreaterThan(0).isLessThan(1);
        assertThat(PolicyEngine.decide(learning, session, T, List.of(new Trigger("label:price_sensitivity", "test")), t,
                FULL, new DecisionHistory(), learned, T).decision().propensity()).as("a replay gives the same").isEqualTo(expected);
    }

    @Test
    void cooldownAndFrequencyCapWithholdActionsWithTheReason() {
        String s = treated("s");
        DecisionHistory h = new DecisionHistory();
        LabelTrack t = track(new LabelScores(0.7, 0, 0, 0, 0, 0), 0.9);
        assertThat(decide(s, "checkout_pause", t, FULL, h, T).action().type()).isEqualTo(Action.INTERVENTION);
        Decision again = decide(s, "checkout_pause", t, FULL, h, T + 60_000);
        assertThat(again.action().type()).isEqualTo(Action.NONE);
        assertThat(again.action().reason()).startsWith("cooldown: checkout_pause acted 60s ago");
        assertThat(decide(s, "pricing_contact", t, FULL, h, T + 70_000).action().type()).isEqualTo(Action.INTERVENTION);
        assertThat(decide(s, "rage_click", t, FULL, h, T + 80_000).action().type()).isEqualTo(Action.INTERVENTION);
        Decision capped = decide(s, "form_error_loop", t, FULL, h, T + 90_000);
        assertThat(capped.action().type()).isEqualTo(Action.NONE);
        assertThat(capped.action().reason()).startsWith("frequency cap: 3 actions in the last 10 min");
        assertThat(decide(s, "form_error_loop", t, FULL, h, T + 11 * 60_000).action().type()).isEqualTo(Action.INTERVENTION);
    }

    @Test
    void theRecordAloneExplainsTheDecision() {
        PolicyEngine.Verdict v = PolicyEngine.decide(POLICY, treated("s"), T, List.of(new Trigger("checkout_pause", "checkout step 2 without progress for 30s"),
                        new Trigger("label:hesitation", "hesitation rose to 0.62")),
                track(new LabelScores(0.62, 0, 0, 0, 0, 0), 0.8), FULL, new DecisionHistory(), bandit, T);
        String why = v.decision().explanation();
        assertThat(why).contains("checkout_pause (checkout step 2 without progress for 30s)")
                .contains("rule pause offers [reassure_checkout, clarify_shipping_returns]")
                .contains("personalization allowed (tcf: purposes 1,3,4,5,6 consented — strict rule, no region or gpp section)")
                .contains("urgency/scarcity/countdown suppressed (hesitation 0.62 ≥ 0.50)")
                .contains("group treatment").contains("policy default-v1");
        assertThat(v.audit().decisionId()).isEqualTo(v.decision().decisionId());
        assertThat(v.audit().allowed()).containsExactly("reassure_checkout", "clarify_shipping_returns");
        assertThat(v.audit().chooser()).isEqualTo("rule-order");
        assertThat(v.audit().consentJurisdiction()).isEqualTo("strict");
        assertThat(v.audit().consentSignal()).isEqualTo("tcf");
    }

    @Test
    void aUsShopperWithoutOptOutIsPersonalizedAndTheAuditSaysWhichSignalDecided() {
        Consent us = new Consent(null, false, false, io.moments.privacy.GppStrings.builder().us("usca").encode(), null, "US-CA");
        PolicyEngine.Verdict v = PolicyEngine.decide(POLICY, treated("us"), T, List.of(new Trigger("checkout_pause", "t")),
                track(new LabelScores(0.7, 0, 0, 0, 0, 0), 0.9), us, new DecisionHistory(), bandit, T);
        assertThat(v.decision().action().personalized()).isTrue();
        assertThat(v.decision().explanation()).contains("personalization allowed (no opt-out in gpp usca — us rule, region US-CA)");
        assertThat(v.audit().consentJurisdiction()).isEqualTo("us");
        assertThat(v.audit().consentSignal()).isEqualTo("gpp usca");
        assertThat(v.audit().consentBasis()).isEqualTo("no opt-out in gpp usca — us rule, region US-CA");
    }

    @Test
    void aDecisionExpiresAfterItsInterventionsOrThePolicysExpiry() {
        LabelTrack calm = track(new LabelScores(0.2, 0, 0, 0, 0, 0), 0.9);
        Decision byDefault = decide(treated("e"), "checkout_pause", calm, FULL, new DecisionHistory(), T);
        assertThat(byDefault.action().intervention()).isEqualTo("reassure_checkout");
        assertThat(byDefault.expiresAt() - byDefault.ts()).isEqualTo(30_000);
        Decision help = decide(treated("e"), "rage_click", calm, FULL, new DecisionHistory(), T);
        assertThat(help.action().intervention()).isEqualTo("offer_help");
        assertThat(help.expiresAt() - help.ts()).as("offer_help's own expiresAfter").isEqualTo(120_000);
    }

    @Test
    void targetingCarriesTheActionOnlyAndIsOmittedWithoutConsentOrInTheHoldout() {
        LabelTrack frustrated = track(new LabelScores(0, 0, 0.8, 0, 0, 0), 0.9);
        Decision d = decide(treated("t"), "rage_click", frustrated, FULL, new DecisionHistory(), T);
        assertThat(d.targeting()).isNotNull();
        assertThat(d.targeting().keyValues()).containsExactly(
                java.util.Map.entry("mm_moment", List.of(d.moment().name().toLowerCase(java.util.Locale.ROOT))),
                java.util.Map.entry("mm_tone", List.of("calm")),
                java.util.Map.entry("mm_suppress", List.of("urgency", "scarcity", "countdown")));
        assertThat(decide(treated("t"), "rage_click", frustrated, null, new DecisionHistory(), T).targeting())
                .as("no consent").isNull();
        assertThat(decide(treated("t"), "rage_click", frustrated, new Consent(FULL.tcf(), true, false), new DecisionHistory(), T)
                .targeting()).as("gpc").isNull();
        String heldOut = "x";
        for (int i = 0; !Holdout.isHeldOut(heldOut, POLICY.holdoutPercent()); i++) {
            heldOut = "held-" + i;
        }
        assertThat(decide(heldOut, "rage_click", frustrated, FULL, new DecisionHistory(), T).targeting()).as("holdout").isNull();
    }

    @Test
    void decisionIdsAreStableAndDistinct() {
        assertThat(PolicyEngine.decisionId("s", T, new String[]{"checkout_pause"}))
                .isEqualTo(PolicyEngine.decisionId("s", T, new String[]{"checkout_pause"}))
                .hasSize(32)
                .isNotEqualTo(PolicyEngine.decisionId("s", T + 1, new String[]{"checkout_pause"}))
                .isNotEqualTo(PolicyEngine.decisionId("s", T, new String[]{"pricing_contact"}));
    }
}
