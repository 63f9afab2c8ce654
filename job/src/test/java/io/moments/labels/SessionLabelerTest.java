package io.moments.labels;

import io.moments.ingest.ShopperEvent;
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
            crossings.addAll(labeler.apply(track, e));
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
        assertThat(SessionLabeler.confidence(three, Label.PRICE_SENSITIVITY))
                .isGreaterThan(SessionLabeler.confidence(one, Label.PRICE_SENSITIVITY));
        assertThat(SessionLabeler.confidence(one, Label.DELIGHT)).isZero();
    }
}
