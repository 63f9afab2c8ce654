package io.moments.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.moments.config.LabelSettings;
import io.moments.ingest.ShopperEvent;
import io.moments.models.EmotionModel;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.Modality;
import io.moments.models.Signal;
import io.moments.models.text.TextModel;
import io.moments.testing.Shopper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How one text moves the fused label, with the real text model (bge-small + calibrated head): a
 * clearly frustrated chat message at checkout triggers {@code label:frustration} on its own; an
 * ambiguous one does not (docs/labels.md, "One strong text").
 */
class TextSignalFusionTest {

    private static TextModel model;

    @BeforeAll
    static void load() {
        model = TextModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Signal signalOf(String text) {
        EmotionModel.Scored scored = model.score(List.of(text)).get(0);
        return scored.signal();
    }

    /** A checkout session (cart, two checkout steps), then the chat message; returns the crossings of the message. */
    private static List<Label> atCheckout(LabelTrack track, Signal message) {
        SessionLabeler labeler = new SessionLabeler(LabelSettings.DEFAULTS);
        List<ShopperEvent> events = Shopper.session("s", "2026-11-20T10:00:00Z").page("cart").after(5)
                .step(1).after(10).step(2).after(20).text("chat", "-").events();
        List<Label> crossings = new ArrayList<>();
        for (ShopperEvent e : events) {
            crossings = labeler.apply(track, e.text() != null ? e.withSignal(message) : e, LabelRules.DEFAULTS);
        }
        return crossings;
    }

    @Test
    void oneClearlyFrustratedMessageAtCheckoutTriggersFrustration() {
        Signal s = signalOf("my payment failed three times now, this is really annoying");
        LabelTrack track = new LabelTrack();
        List<Label> crossed = atCheckout(track, s);
        System.out.printf(Locale.ROOT, "frustrated: p=%.3f confidence=%.3f fused=%.3f%n",
                s.scores().frustration(), s.confidence(), track.values.frustration());
        assertThat(s.scores().frustration()).isGreaterThanOrEqualTo(SessionLabeler.STRONG_TEXT);
        assertThat(crossed).contains(Label.FRUSTRATION);
        assertThat(track.values.frustration()).isGreaterThanOrEqualTo(LabelRules.DEFAULTS.threshold());
    }

    @Test
    void anAmbiguousMessageDoesNot() {
        Signal s = signalOf("hmm ok the payment page looks different than last time");
        LabelTrack track = new LabelTrack();
        List<Label> crossed = atCheckout(track, s);
        System.out.printf(Locale.ROOT, "ambiguous: top=%.3f fused frustration=%.3f%n", s.confidence(), track.values.frustration());
        assertThat(crossed).isEmpty();
        for (Label label : Label.values()) {
            assertThat(track.values.get(label)).as(label.wireName()).isLessThan(LabelRules.DEFAULTS.threshold());
        }
    }

    /** The rule itself: the whole step only for a text whose label and confidence both reach 0.8. */
    @Test
    void theStrongStepIsForConfidentTextOnly() {
        LabelScores angry = new LabelScores(0, 0, 0.85, 0, 0, 0);
        Signal text = new Signal(Modality.TEXT, angry, Signal.ALL_LABELS, 0.85, "t", "t");
        Signal face = new Signal(Modality.FACE, angry, Signal.ALL_LABELS, 0.85, "t", "t");
        Signal unsure = new Signal(Modality.TEXT, new LabelScores(0, 0, 0.79, 0, 0, 0), Signal.ALL_LABELS, 0.79, "t", "t");
        assertThat(SessionLabeler.step(text, Label.FRUSTRATION, 0.85)).isEqualTo(0.85);
        assertThat(SessionLabeler.step(face, Label.FRUSTRATION, 0.85)).isEqualTo(0.6 * 0.85);
        assertThat(SessionLabeler.step(unsure, Label.FRUSTRATION, 0.79)).isEqualTo(0.6 * 0.79);
        assertThat(SessionLabeler.step(text, Label.DELIGHT, 0.85)).as("a label the text scores 0").isEqualTo(0.6 * 0.85);
    }
}
