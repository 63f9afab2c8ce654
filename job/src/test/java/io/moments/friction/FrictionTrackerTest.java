package io.moments.friction;

import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.moments.friction.ShippedPatterns.CHECKOUT_PAUSE;
import static io.moments.friction.ShippedPatterns.PATTERNS;
import static io.moments.friction.ShippedPatterns.PRICING_CONTACT;
import static io.moments.friction.ShippedPatterns.RAGE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;

/** One session's interactions placed in its own event-time order on arrival, with corrections for swaps. */
class FrictionTrackerTest {

    private static final String T0 = "2026-11-20T10:00:00Z";

    private static FrictionTracker tracker() {
        return new FrictionTracker(Duration.ofSeconds(60), 64);
    }

    /** A session of {@code n} interactions of every kind the shipped patterns look at, some long pauses between. */
    private static List<ShopperEvent> randomSession(Random random, int n) {
        Shopper s = Shopper.session("s", T0);
        String[] kinds = {"pricing", "product", "cart", "home", "contact"};
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(8)) {
                case 0 -> s.page(kinds[random.nextInt(kinds.length)]);
                case 1, 2 -> s.act("click", "t" + random.nextInt(2));
                case 3 -> s.act("form_error", "card");
                case 4 -> s.step(1 + random.nextInt(4));
                case 5 -> s.act(random.nextBoolean() ? "contact_click" : "chat_open");
                case 6 -> s.act(random.nextInt(4) == 0 ? "purchase" : "scroll");
                default -> s.act("scroll");
            }
            s.after(random.nextInt(5) == 0 ? 20 + random.nextInt(30) : 0.2 + random.nextDouble() * 2);
        }
        return s.events();
    }

    /** Every moment reported while feeding {@code events} in the given arrival order. */
    private static List<FrictionMoment> feed(FrictionTracker tracker, FrictionTrack track, List<ShopperEvent> events) {
        List<FrictionMoment> out = new ArrayList<>();
        for (ShopperEvent e : events) {
            out.addAll(tracker.onEvent(track, PATTERNS, e.sessionId(), PatternEvent.of(e)).moments());
        }
        return out;
    }

    @Test
    void inOrderInteractionsAreMatchedAsTheDetectorMatchesThem() {
        List<ShopperEvent> events = Shopper.session("s", T0).page("pricing").after(20).act("click", "buy")
                .after(0.2).act("click", "buy").after(0.2).act("click", "buy").after(5).act("chat_open").events();
        List<FrictionMoment> moments = feed(tracker(), new FrictionTrack(), events);
        assertThat(moments).extracting(FrictionMoment::pattern).containsExactly(RAGE_CLICK, PRICING_CONTACT);
    }

    @Test
    void aSwapWithinTheHorizonIsCorrectedAndReportedOnce() {
        List<ShopperEvent> inOrder = Shopper.session("s", T0).page("home").after(2).page("pricing").after(3)
                .act("contact_click").after(2).page("product").events();
        FrictionTracker tracker = tracker();
        FrictionTrack track = new FrictionTrack();
        List<ShopperEvent> arrival = List.of(inOrder.get(0), inOrder.get(2), inOrder.get(3), inOrder.get(1));
        List<FrictionMoment> moments = new ArrayList<>();
        List<FrictionTracker.Placement> placements = new ArrayList<>();
        for (ShopperEvent e : arrival) {
            FrictionTracker.Result r = tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(e));
            moments.addAll(r.moments());
            placements.add(r.placement());
        }
        assertThat(placements).containsExactly(FrictionTracker.Placement.IN_ORDER, FrictionTracker.Placement.IN_ORDER,
                FrictionTracker.Placement.IN_ORDER, FrictionTracker.Placement.REORDERED);
        assertThat(moments).extracting(FrictionMoment::pattern, FrictionMoment::ts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PRICING_CONTACT, inOrder.get(2).ts()));
        // Replaying the same buffer again finds the same match: it is not reported a second time.
        ShopperEvent again = Shopper.session("s", "2026-11-20T10:00:06Z").page("blog").events().get(0);
        assertThat(tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(again)).moments()).isEmpty();
    }

    @Test
    void anInteractionFurtherBackThanTheHorizonIsLeftOutOfThePatterns() {
        List<ShopperEvent> events = Shopper.session("s", T0).page("pricing").after(90).act("contact_click").events();
        FrictionTracker tracker = tracker();
        FrictionTrack track = new FrictionTrack();
        tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(events.get(1)));
        FrictionTracker.Result late = tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(events.get(0)));
        assertThat(late.placement()).isEqualTo(FrictionTracker.Placement.BEYOND_HORIZON);
        assertThat(late.moments()).isEmpty();
    }

    @Test
    void anInteractionOlderThanOneAlreadyFoldedOutOfTheBufferIsLeftOutOfThePatterns() {
        // A buffer of two: the third interaction folds the first into the base.
        FrictionTracker tracker = new FrictionTracker(Duration.ofSeconds(60), 2);
        FrictionTrack track = new FrictionTrack();
        List<ShopperEvent> events = Shopper.session("s", T0).page("home").after(4).page("product").after(4)
                .page("cart").events();
        for (ShopperEvent e : events) {
            tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(e));
        }
        ShopperEvent beforeTheFolded = Shopper.session("s", "2026-11-20T09:59:59Z").page("pricing").events().get(0);
        ShopperEvent betweenBuffered = Shopper.session("s", "2026-11-20T10:00:06Z").page("pricing").events().get(0);
        assertThat(tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(beforeTheFolded)).placement())
                .isEqualTo(FrictionTracker.Placement.BEYOND_HORIZON);
        assertThat(tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(betweenBuffered)).placement())
                .isEqualTo(FrictionTracker.Placement.REORDERED);
    }

    @Test
    void aPauseTheWatermarkReportedIsNotReportedAgainWhenALaterSwapReplaysTheBuffer() {
        List<ShopperEvent> events = Shopper.session("s", T0).page("cart").after(2).step("shipping").events();
        FrictionTracker tracker = tracker();
        FrictionTrack track = new FrictionTrack();
        tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(events.get(1)));
        long deadline = tracker.absenceDeadline(track);
        assertThat(deadline).isEqualTo(events.get(1).ts() + 30_000);
        assertThat(tracker.absencesDue(track, PATTERNS, "s", deadline - 1)).isEmpty();
        List<FrictionMoment> due = tracker.absencesDue(track, PATTERNS, "s", deadline);
        assertThat(due).extracting(FrictionMoment::pattern).containsExactly(CHECKOUT_PAUSE);
        assertThat(due.get(0).detail()).isEqualTo("checkout_step shipping with no checkout_step or purchase for 30s");
        assertThat(tracker.absenceDeadline(track)).isEqualTo(Long.MAX_VALUE);
        assertThat(tracker.absencesDue(track, PATTERNS, "s", deadline + 5_000)).as("reported once").isEmpty();
        // The cart view arrives late, before the step: the replay finds the same pause, which is not reported again.
        assertThat(tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(events.get(0))).moments()).isEmpty();
        assertThat(tracker.absenceDeadline(track)).isEqualTo(Long.MAX_VALUE);
        // And the session's next event, past the deadline, completes it in the NFA again: still not reported twice.
        ShopperEvent next = Shopper.session("s", "2026-11-20T10:01:00Z").page("home").events().get(0);
        assertThat(tracker.onEvent(track, PATTERNS, "s", PatternEvent.of(next)).moments()).isEmpty();
    }

    @Test
    void aLongSessionTrimmedIntoItsBaseMatchesLikeOneNeverTrimmed() {
        List<ShopperEvent> events = randomSession(new Random(7), 400);
        List<FrictionMoment> trimmed = feed(new FrictionTracker(Duration.ofSeconds(10), 8),
                new FrictionTrack(), events);
        List<FrictionMoment> untrimmed = feed(new FrictionTracker(Duration.ofDays(1), 100_000),
                new FrictionTrack(), events);
        assertThat(trimmed).hasSizeGreaterThan(20).isEqualTo(untrimmed);
    }

    /**
     * The matcher skips a pattern an event leaves as it is (idle and not begun, or relaxed and
     * unconcerned before a timeout); feeding every event to every NFA finds exactly the same.
     */
    @Test
    void skippingUntouchedPatternsFindsWhatFeedingEveryPatternFinds() {
        for (long seed = 1; seed <= 5; seed++) {
            List<ShopperEvent> events = randomSession(new Random(seed), 300);
            List<FrictionMoment> skipping = feed(tracker(), new FrictionTrack(), events);
            try (FrictionTracker exhaustive = new FrictionTracker(Duration.ofSeconds(60), 64, new CepMatcher(false))) {
                assertThat(skipping).as("seed %d", seed).hasSizeGreaterThan(10)
                        .isEqualTo(feed(exhaustive, new FrictionTrack(), events));
            }
        }
    }

    /**
     * Neighbours swapped by a few seconds. (A swap longer than the pause is different: the later event
     * passes the pause deadline first, and a reported pause is never taken back.)
     */
    @Test
    void neighboursSwappedByAFewSecondsFindTheSameFrictionAsTheOrderedSession() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            Shopper s = Shopper.session("s", T0).page("home").after(3).page("pricing").after(2 + random.nextInt(4))
                    .act("contact_click").after(10).step(1).after(5 + random.nextInt(5)).step(2).after(40).page("home");
            List<ShopperEvent> ordered = s.events();
            List<ShopperEvent> arrival = new ArrayList<>(ordered);
            int i;
            do {
                i = random.nextInt(arrival.size() - 1);
            } while (ordered.get(i + 1).ts() - ordered.get(i).ts() > 10_000); // a few seconds, as a mobile SDK reorders
            arrival.set(i, ordered.get(i + 1));
            arrival.set(i + 1, ordered.get(i));
            List<String> expected = feed(tracker(), new FrictionTrack(), ordered).stream()
                    .map(m -> m.pattern() + "@" + m.ts()).sorted().toList();
            List<String> actual = feed(tracker(), new FrictionTrack(), arrival).stream()
                    .map(m -> m.pattern() + "@" + m.ts()).sorted().toList();
            assertThat(actual).as("seed %d, swapped %d and %d", seed, i, i + 1).isEqualTo(expected)
                    .contains(PRICING_CONTACT + "@" + ordered.get(2).ts());
        }
    }
}
