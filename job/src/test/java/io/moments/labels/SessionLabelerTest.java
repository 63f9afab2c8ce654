package io.moments.labels;

import io.moments.config.LabelSettings;

import io.moments.models.Modality;
import io.moments.models.Signal;
import io.moments.ingest.ShopperEvent;
import io.moments.models.LabelScores;
import io.moments.models.Label;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SessionLabelerTest {

    private final SessionLabeler labeler = new SessionLabeler(LabelSettings.DEFAULTS);

    private List<Label> applyAll(LabelTrack track, List<ShopperEvent> events) {
        List<Label> crossings = new ArrayList<>();
        for (ShopperEvent e : events) {
            crossings.addAll(labeler.apply(track, e, LabelRules.DEFAULTS));
        }
        return crossings;
    }

    @Test
    void formErrorsRaiseFrustrationThatCrossesOnceThenDecays() {
        LabelTrack track = new LabelTrack();
        List<Label> crossings = applyAll(track, Shopper.session("s", "2026-11-20T10:00:00Z")
                .act("form_error").after(5).act("form_error").after(5).act("form_error").after(5).act("form_error")
                .events());
        assertThat(crossings).containsExactly(Label.FRUSTRATION);
        double peak = track.values.frustration();
        assertThat(peak).isGreaterThan(0.6).isLessThanOrEqualTo(1.0);

        // One half-life later (90 s) with a neutral event the label has halved.
        applyAll(track, Shopper.session("s", "2026-11-20T10:01:45Z").act("click").events());
        assertThat(track.values.frustration()).isCloseTo(peak / 2, within(1e-9));
    }

    @Test
    void aLabelTriggersAgainOnlyAfterFallingBelowTheRearmLevel() {
        LabelTrack track = new LabelTrack();
        Shopper s = Shopper.session("s", "2026-11-20T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            s.act("form_error").after(2);
        }
        s.after(30);
        for (int i = 0; i < 4; i++) { // still above 0.45: no second trigger
            s.act("form_error").after(2);
        }
        s.after(600).act("click"); // long quiet: re-armed
        for (int i = 0; i < 4; i++) {
            s.act("form_error").after(2);
        }
        assertThat(applyAll(track, s.events())).filteredOn(l -> l == Label.FRUSTRATION)
                .containsExactly(Label.FRUSTRATION, Label.FRUSTRATION);
    }

    @Test
    void dwellingOnAProductReadsAsHesitationButLongAbsenceDoesNot() {
        LabelTrack dwell = new LabelTrack();
        applyAll(dwell, Shopper.session("s", "2026-11-20T10:00:00Z").page("product").after(50).page("product").events());
        LabelTrack away = new LabelTrack();
        applyAll(away, Shopper.session("s", "2026-11-20T10:00:00Z").page("product").after(1200).page("product").events());
        assertThat(dwell.values.hesitation()).isGreaterThan(0.2);
        assertThat(away.values.hesitation()).isZero();
    }

    @Test
    void stageOnlyMovesForwardAndMomentFollowsTheLatestIntent() {
        LabelTrack track = new LabelTrack();
        applyAll(track, Shopper.session("s", "2026-11-20T10:00:00Z").page("home").after(1).page("product").after(1)
                .act("add_to_cart").after(1).step(1).after(1).page("blog").events());
        assertThat(track.stage).isEqualTo(FunnelStage.CHECKOUT);
        assertThat(track.moment).isEqualTo(Moment.KNOW);
        applyAll(track, Shopper.session("s", "2026-11-20T10:00:10Z").act("chat_open").events());
        assertThat(track.moment).isEqualTo(Moment.GO);
    }

    @Test
    void confidenceGrowsWithEvidence() {
        LabelTrack one = new LabelTrack();
        applyAll(one, Shopper.session("s", "2026-11-20T10:00:00Z").page("pricing").events());
        LabelTrack three = new LabelTrack();
        applyAll(three, Shopper.session("s", "2026-11-20T10:00:00Z").page("pricing").after(2).page("pricing").after(2)
                .page("pricing").events());
        assertThat(three.confidence.get(Label.PRICE_SENSITIVITY))
                .isGreaterThan(one.confidence.get(Label.PRICE_SENSITIVITY));
        assertThat(one.confidence.get(Label.DELIGHT)).isZero();
    }

    private static ShopperEvent withSignal(ShopperEvent e, Modality m, LabelScores scores, double confidence) {
        return e.withSignal(new Signal(m, scores, Signal.ALL_LABELS, confidence, "test", "test"));
    }

    @Test
    void modelSignalsFuseWithBehaviourAndAgreementRaisesConfidence() {
        List<ShopperEvent> texts = Shopper.session("s", "2026-11-20T10:00:00Z").text("support", "x").after(5)
                .text("support", "y").events();
        LabelScores angry = new LabelScores(0, 0, 0.9, 0, 0, 0);
        LabelTrack textOnly = new LabelTrack();
        for (ShopperEvent e : texts) {
            labeler.apply(textOnly, withSignal(e, Modality.TEXT, angry, 0.9), LabelRules.DEFAULTS);
        }
        assertThat(textOnly.values.frustration()).isGreaterThan(0.6);
        assertThat(textOnly.text.frustration()).isGreaterThan(0.6);
        assertThat(textOnly.behaviour.frustration()).isZero();

        // Behaviour that agrees (form errors) adds confidence; no conflict.
        LabelTrack both = new LabelTrack();
        List<ShopperEvent> mixed = Shopper.session("s", "2026-11-20T10:00:00Z").act("form_error").after(1)
                .act("form_error").after(1).act("form_error").after(1).text("support", "x").after(1)
                .text("support", "y").events();
        for (ShopperEvent e : mixed) {
            labeler.apply(both, e.text() != null ? withSignal(e, Modality.TEXT, angry, 0.9) : e, LabelRules.DEFAULTS);
        }
        assertThat(both.confidence.frustration()).isGreaterThan(textOnly.confidence.frustration());
        assertThat(both.conflicting(Label.FRUSTRATION)).isFalse();
    }

    @Test
    void modalitiesThatDisagreeMarkTheLabelConflictingInsteadOfCancelling() {
        LabelTrack track = new LabelTrack();
        List<ShopperEvent> events = Shopper.session("s", "2026-11-20T10:00:00Z").act("form_error").after(1)
                .act("form_error").after(1).act("form_error").after(1).act("form_error").after(1)
                .text("review", "x").after(1).text("review", "y").after(1).text("review", "z").events();
        LabelScores calm = new LabelScores(0, 0, 0.02, 0, 0, 0.9);
        for (ShopperEvent e : events) {
            labeler.apply(track, e.text() != null ? withSignal(e, Modality.TEXT, calm, 0.95) : e, LabelRules.DEFAULTS);
        }
        assertThat(track.behaviour.frustration()).isGreaterThan(0.7);
        assertThat(track.text.frustration()).isLessThan(0.2);
        assertThat(track.conflicting(Label.FRUSTRATION)).isTrue();
        assertThat(track.values.frustration()).isBetween(track.text.frustration(), track.behaviour.frustration());
    }

    @Test
    void momentumIsPositiveWhileALabelRisesAndNegativeAsItFades() {
        LabelTrack track = new LabelTrack();
        applyAll(track, Shopper.session("s", "2026-11-20T10:00:00Z").act("form_error").after(3).act("form_error")
                .after(3).act("form_error").events());
        assertThat(track.momentum.frustration()).isPositive();
        applyAll(track, Shopper.session("s", "2026-11-20T10:03:00Z").act("click").after(60).act("click").events());
        assertThat(track.momentum.frustration()).isNegative();
    }
}
