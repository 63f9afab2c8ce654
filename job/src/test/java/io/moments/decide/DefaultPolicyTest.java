package io.moments.decide;

import io.moments.ingest.Consent;
import io.moments.labels.LabelScores;
import io.moments.labels.LabelTrack;
import io.moments.privacy.TcfStrings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultPolicyTest {

    private static final Consent FULL = new Consent(TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7), false, false);
    private static final long T = 1_763_632_800_000L;
    private final DefaultPolicy policy = new DefaultPolicy(PolicySettings.DEFAULTS);

    /** A session id outside the holdout (the bucket is a pure function of the id). */
    private static String treated(String prefix) {
        for (int i = 0; ; i++) {
            if (!Holdout.isHeldOut(prefix + i, PolicySettings.DEFAULTS.holdoutPercent())) {
                return prefix + i;
            }
        }
    }

    private static LabelTrack track(LabelScores values, double evidence) {
        LabelTrack t = new LabelTrack();
        t.values = values;
        t.evidence = new LabelScores(evidence, evidence, evidence, evidence, evidence, evidence);
        return t;
    }

    private Decision decide(String session, String trigger, LabelTrack track, Consent consent, DecisionHistory h, long ts) {
        return policy.decide(session, ts, new String[]{trigger}, new String[]{"test"}, track, consent, h, T);
    }

    @Test
    void pressureTacticsAreSuppressedWhileFrustrationIsHigh() {
        Decision d = decide(treated("s"), "label:delight", track(new LabelScores(0, 0, 0.7, 0, 0, 0.75), 5),
                FULL, new DecisionHistory(), T);
        assertThat(d.action().suppressedTactics()).containsExactly("urgency", "scarcity", "countdown");
        assertThat(d.action().reason()).contains("urgency/scarcity/countdown suppressed");
        assertThat(d.explanation()).contains("frustration 0.70");
    }

    @Test
    void calmShoppersGetNoSuppression() {
        Decision d = decide(treated("s"), "label:delight", track(new LabelScores(0, 0, 0, 0, 0, 0.8), 5),
                FULL, new DecisionHistory(), T);
        assertThat(d.action().suppressedTactics()).isEmpty();
        assertThat(d.action().intervention()).isEqualTo("recommend_complementary");
        assertThat(d.action().type()).isEqualTo(Action.INTERVENTION);
        assertThat(d.action().personalized()).isTrue();
    }

    @Test
    void ambiguousSignalsGetOnlySafeInterventions() {
        LabelScores confident = new LabelScores(0, 0, 0, 0, 0.8, 0);
        Decision targeted = decide(treated("s"), "label:price_sensitivity", track(confident, 5), FULL, new DecisionHistory(), T);
        Decision lowEvidence = decide(treated("s"), "label:price_sensitivity", track(confident, 0.5), FULL, new DecisionHistory(), T);
        Decision conflicting = decide(treated("s"), "label:price_sensitivity",
                track(new LabelScores(0, 0, 0, 0.75, 0.8, 0), 5), FULL, new DecisionHistory(), T);
        assertThat(targeted.ambiguous()).isFalse();
        assertThat(targeted.action().intervention()).isEqualTo("offer_discount");
        assertThat(lowEvidence.ambiguous()).isTrue();
        assertThat(lowEvidence.action().intervention()).isEqualTo("show_value");
        assertThat(conflicting.ambiguous()).isTrue();
        assertThat(conflicting.explanation()).contains("ambiguous: trust_concern 0.75 is close");
    }

    @Test
    void gpcAndMissingTcfPurposesMeanNonPersonalized() {
        LabelTrack t = track(new LabelScores(0.7, 0, 0, 0, 0, 0), 5);
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
    void holdoutIsDeterministicAndAboutTheConfiguredShare() {
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
        Decision d = decide(heldOut, "checkout_pause", track(new LabelScores(0.7, 0, 0, 0, 0, 0), 5), FULL,
                new DecisionHistory(), T);
        assertThat(d.group()).isEqualTo(Decision.HOLDOUT);
        assertThat(d.action().type()).isEqualTo(Action.NONE);
        assertThat(d.action().intervention()).isEqualTo("reassure_checkout"); // what treatment would have got
        assertThat(d.action().reason()).startsWith("holdout: session bucket");
    }

    @Test
    void cooldownAndFrequencyCapWithholdActionsWithTheReason() {
        String s = treated("s");
        DecisionHistory h = new DecisionHistory();
        LabelTrack t = track(new LabelScores(0.7, 0, 0, 0, 0, 0), 5);
        assertThat(decide(s, "checkout_pause", t, FULL, h, T).action().type()).isEqualTo(Action.INTERVENTION);
        Decision again = decide(s, "checkout_pause", t, FULL, h, T + 60_000);
        assertThat(again.action().type()).isEqualTo(Action.NONE);
        assertThat(again.action().reason()).startsWith("cooldown: checkout_pause acted 60s ago");
        assertThat(decide(s, "pricing_contact", t, FULL, h, T + 70_000).action().type()).isEqualTo(Action.INTERVENTION);
        assertThat(decide(s, "rage_click", t, FULL, h, T + 80_000).action().type()).isEqualTo(Action.INTERVENTION);
        Decision capped = decide(s, "form_error_loop", t, FULL, h, T + 90_000);
        assertThat(capped.action().type()).isEqualTo(Action.NONE);
        assertThat(capped.action().reason()).startsWith("frequency cap: 3 actions in the last 10 min");
        // Outside the window the session may be helped again.
        assertThat(decide(s, "form_error_loop", t, FULL, h, T + 11 * 60_000).action().type()).isEqualTo(Action.INTERVENTION);
    }

    @Test
    void decisionIdsAreStableAndDistinct() {
        assertThat(DefaultPolicy.decisionId("s", T, new String[]{"checkout_pause"}))
                .isEqualTo(DefaultPolicy.decisionId("s", T, new String[]{"checkout_pause"}))
                .hasSize(32)
                .isNotEqualTo(DefaultPolicy.decisionId("s", T + 1, new String[]{"checkout_pause"}))
                .isNotEqualTo(DefaultPolicy.decisionId("s", T, new String[]{"pricing_contact"}));
    }
}
