package io.moments.ratings;

import io.moments.config.IngestLimits;
import io.moments.config.LabelImpulse;
import io.moments.config.LabelSettings;
import io.moments.config.LabelWeights;
import io.moments.labels.BehaviourSignals;
import io.moments.labels.LabelRules;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The honest test of the fitter: ratings made by the job's own labeler under known magnitudes (plus a
 * little rating noise) are fitted from the hand-set ones, and the fit must find those magnitudes again
 * and label held-out sessions better than the hand-set ones do.
 */
class LabelFitTest {

    private static final int SESSIONS = 64;
    private static final int EVENTS = 14;
    private static final int RATED_PER_SESSION = 4;
    private static final double NOISE = 0.02;

    @TempDir
    Path dir;

    /** Magnitudes away from the hand-set ones: each moved by 0.1 to 0.2, up or down (the dwell cap stays). */
    private static LabelWeights truth(Random random) {
        LabelWeights w = LabelWeights.HAND_SET;
        for (LabelImpulse k : LabelImpulse.values()) {
            if (k == LabelImpulse.DWELL_MAX) {
                continue;
            }
            double shift = (0.1 + 0.1 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
            double v = k.handSet() + shift;
            w = w.with(k, Math.max(0.03, Math.min(0.9, v < 0.03 ? k.handSet() + Math.abs(shift) : v)));
        }
        return w;
    }

    /** A random journey over every behaviour the impulses read, with short and long gaps. */
    private static List<String> journey(String id, int n, Random random) {
        Shopper s = Shopper.session(id, "2026-11-20T10:00:00Z");
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(16)) {
                case 0, 1 -> s.page("product");
                case 2 -> s.page("pricing");
                case 3 -> s.page("cart");
                case 4 -> s.page("support");
                case 5 -> s.page(random.nextBoolean() ? "home" : "category");
                case 6 -> s.act("search", "search-box");
                case 7 -> s.act("hover", random.nextBoolean() ? "returns-policy" : "price");
                case 8 -> s.act("form_error", "card-number");
                case 9 -> s.act("remove_from_cart");
                case 10 -> s.act(random.nextBoolean() ? "contact_click" : "chat_open");
                case 11 -> s.act("add_to_cart");
                case 12 -> s.step(1 + random.nextInt(3));
                case 13 -> s.act("purchase");
                case 14 -> s.scroll(0.95);
                default -> s.act("click", "link");
            }
            s.after(random.nextInt(10) < 7 ? 2 + random.nextInt(14) : 20 + random.nextInt(60));
        }
        return s.lines();
    }

    private record Synthetic(SessionEvents events, List<RatedMoment> moments, LabelWeights truth) {}

    private Synthetic synthetic(long seed) throws Exception {
        Random random = new Random(seed);
        LabelWeights truth = truth(random);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            lines.addAll(journey("syn-" + i, EVENTS, random));
        }
        Path input = dir.resolve("synthetic-" + seed + ".jsonl");
        Files.write(input, lines);
        SessionEvents events = SessionEvents.read(input, IngestLimits.DEFAULTS, Duration.ofHours(1));
        // Pick the moments, label them with the true magnitudes, and rate them as that plus noise.
        List<Rating> picked = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String id = "syn-" + i;
            TreeSet<Integer> at = new TreeSet<>();
            while (at.size() < RATED_PER_SESSION) {
                at.add(2 + random.nextInt(EVENTS - 2));
            }
            for (int index : at) {
                picked.add(new Rating(picked.size() + 1, id, events.session(id).get(index).event().eventId(), null,
                        Map.of(Label.DELIGHT, 0.0)));
            }
        }
        List<RatedMoment> placeholders = RatedMoment.join(picked, events, "synthetic");
        LabelScores[] exact = new LabelerRun(events, placeholders).labels(LabelSettings.DEFAULTS.withWeights(truth),
                LabelRules.DEFAULTS);
        List<RatedMoment> moments = new ArrayList<>();
        for (int m = 0; m < placeholders.size(); m++) {
            RatedMoment p = placeholders.get(m);
            Map<Label, Double> rated = new EnumMap<>(Label.class);
            for (Label label : Label.values()) {
                rated.put(label, Math.max(0, Math.min(1, exact[m].get(label) + NOISE * random.nextGaussian())));
            }
            moments.add(new RatedMoment(p.sessionId(), p.eventId(), p.ts(), p.index(), rated, 1, p.line()));
        }
        return new Synthetic(events, moments, truth);
    }

    @Test
    void recoversKnownMagnitudesAndImprovesHeldOutError() throws Exception {
        Synthetic s = synthetic(11);
        LabelFit.Report r = LabelFit.fit(s.events(), s.moments(), LabelSettings.DEFAULTS, LabelRules.DEFAULTS,
                new LabelFit.Options(4, 1e-4, 1, 20));

        // Held out, by session folds: the fitted magnitudes label unseen sessions far better.
        assertThat(r.allAfter().mae()).isLessThan(0.5 * r.allBefore().mae());
        for (Label label : Label.values()) {
            assertThat(r.heldOutAfter().get(label).mae()).as(label.wireName())
                    .isLessThan(r.heldOutBefore().get(label).mae());
        }
        // And they are the magnitudes the ratings were made with (the dwell cap hardly binds: left out).
        for (LabelImpulse k : LabelImpulse.values()) {
            if (k == LabelImpulse.DWELL_MAX) {
                continue;
            }
            assertThat(r.fitted().get(k)).as(k.wireName() + " (hand-set " + k.handSet() + ")")
                    .isCloseTo(s.truth().get(k), within(0.05));
        }
        assertThat(r.unmoved()).isEmpty();
        assertThat(LabelFit.text(r, "h")).contains("mae before").contains("spearman after").contains("purchase.delight");
    }

    @Test
    void theRidgeHoldsMagnitudesTheRatingsSayNothingAbout() throws Exception {
        Synthetic s = synthetic(12);
        // Only delight is rated: no other magnitude moves, whatever the rest of the labels do.
        List<RatedMoment> delightOnly = s.moments().stream().map(m -> new RatedMoment(m.sessionId(), m.eventId(), m.ts(),
                m.index(), Map.of(Label.DELIGHT, m.truth().get(Label.DELIGHT)), 1, m.line())).toList();
        LabelFit.Fitted f = LabelFit.fitWeights(s.events(), delightOnly, LabelSettings.DEFAULTS, LabelRules.DEFAULTS,
                new LabelFit.Options(2, 1e-4, 1, 10));
        for (LabelImpulse k : LabelImpulse.values()) {
            if (BehaviourSignals.labelOf(k) != Label.DELIGHT) {
                assertThat(f.weights().get(k)).as(k.wireName()).isEqualTo(k.handSet());
                assertThat(f.unmoved()).contains(k);
            }
        }
        assertThat(f.weights().get(LabelImpulse.PURCHASE_DELIGHT))
                .isCloseTo(s.truth().get(LabelImpulse.PURCHASE_DELIGHT), within(0.05));
        // A strong ridge keeps even the rated ones near where they were.
        LabelFit.Fitted held = LabelFit.fitWeights(s.events(), delightOnly, LabelSettings.DEFAULTS, LabelRules.DEFAULTS,
                new LabelFit.Options(2, 100, 1, 10));
        assertThat(held.weights().get(LabelImpulse.PURCHASE_DELIGHT))
                .isCloseTo(LabelImpulse.PURCHASE_DELIGHT.handSet(), within(0.01));
    }

    @Test
    void refusesFewerSessionsThanFolds() throws Exception {
        Synthetic s = synthetic(13);
        List<RatedMoment> two = s.moments().stream().filter(m -> m.sessionId().equals("syn-0")
                || m.sessionId().equals("syn-1")).toList();
        assertThatThrownBy(() -> LabelFit.fit(s.events(), two, LabelSettings.DEFAULTS, LabelRules.DEFAULTS,
                new LabelFit.Options(3, 0.01, 1, 5))).hasMessageContaining("2 sessions; 3 folds need at least as many");
        assertThatThrownBy(() -> new LabelFit.Options(1, 0.01, 1, 5)).hasMessageContaining("folds");
        assertThatThrownBy(() -> new LabelFit.Options(5, -1, 1, 5)).hasMessageContaining("lambda");
    }
}
