package io.moments.decide;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bandit on simulated shoppers whose response to each intervention is known. */
class ThompsonBanditTest {

    @Test
    void convergesToTheBetterInterventionAndNeverLeavesTheAllowedSet() {
        Map<String, Double> conversion = Map.of("show_value", 0.10, "offer_discount", 0.25, "urgency_banner", 0.60);
        List<String> allowed = List.of("show_value", "offer_discount"); // urgency_banner is never allowed
        ThompsonBandit bandit = new ThompsonBandit();
        SplittableRandom shoppers = new SplittableRandom(7);
        int betterInLast500 = 0;
        for (int round = 0; round < 3_000; round++) {
            String choice = bandit.choose("price@cart", allowed, 1, 1, round);
            assertThat(allowed).contains(choice);
            bandit.learn("price@cart", choice, shoppers.nextDouble() < conversion.get(choice));
            if (round >= 2_500 && choice.equals("offer_discount")) {
                betterInLast500++;
            }
        }
        assertThat(betterInLast500).isGreaterThan(450);
        assertThat(bandit.mean("price@cart", "offer_discount", 1, 1)).isBetween(0.20, 0.30);
        assertThat(bandit.snapshot(true)).extracting(ThompsonBandit.Evidence::intervention).doesNotContain("urgency_banner");
    }

    @Test
    void contextsLearnSeparatelyAndStateRoundTrips() {
        ThompsonBandit a = new ThompsonBandit();
        for (int i = 0; i < 50; i++) {
            a.learn("pause@checkout", "reassure_checkout", i % 2 == 0);
            a.learn("rage@cart", "offer_help", false);
        }
        ThompsonBandit b = new ThompsonBandit();
        b.restore(a.snapshot(true));
        assertThat(b.mean("pause@checkout", "reassure_checkout", 1, 1)).isEqualTo(a.mean("pause@checkout", "reassure_checkout", 1, 1));
        assertThat(b.mean("rage@cart", "offer_help", 1, 1)).isLessThan(0.05);
    }

    /**
     * Rescaling 2 → 3 → 1 instances: every instance restores every snapshot (union state); each
     * starts from all outcomes learned anywhere, and no outcome is counted twice however often the
     * job is restored.
     */
    @Test
    void restoresMergeEveryInstancesEvidenceOnceAtAnyParallelism() {
        ThompsonBandit first = new ThompsonBandit();
        ThompsonBandit second = new ThompsonBandit();
        for (int i = 0; i < 30; i++) {
            first.learn("pause@checkout", "reassure_checkout", i % 3 == 0); // 10 successes, 20 failures
        }
        for (int i = 0; i < 10; i++) {
            second.learn("pause@checkout", "reassure_checkout", true); // 10 successes
        }
        List<ThompsonBandit.Evidence> atTwo = union(first.snapshot(true), second.snapshot(false));

        List<ThompsonBandit> three = List.of(restored(atTwo), restored(atTwo), restored(atTwo));
        for (ThompsonBandit b : three) {
            assertThat(b.mean("pause@checkout", "reassure_checkout", 0, 0)).isEqualTo(20.0 / 40);
        }
        three.get(2).learn("pause@checkout", "reassure_checkout", false);
        List<ThompsonBandit.Evidence> atThree = union(three.get(0).snapshot(true), three.get(1).snapshot(false),
                three.get(2).snapshot(false));

        ThompsonBandit one = restored(atThree);
        assertThat(one.mean("pause@checkout", "reassure_checkout", 0, 0)).isEqualTo(20.0 / 41);
        // A restore with nothing learned in between changes nothing (the shared part is written once).
        assertThat(restored(one.snapshot(true)).mean("pause@checkout", "reassure_checkout", 0, 0)).isEqualTo(20.0 / 41);
    }

    @Test
    void posteriorsOfTheSplitLayoutAreMergedAtTheNextRestore() {
        ThompsonBandit a = new ThompsonBandit();
        a.restoreSplit(List.of(new ThompsonBandit.Arm("rage@cart", "offer_help", 4, 6)));
        ThompsonBandit b = new ThompsonBandit();
        b.restoreSplit(List.of(new ThompsonBandit.Arm("rage@cart", "offer_help", 1, 9)));
        ThompsonBandit merged = restored(union(a.snapshot(true), b.snapshot(false)));
        assertThat(merged.mean("rage@cart", "offer_help", 0, 0)).isEqualTo(5.0 / 20);
    }

    private static ThompsonBandit restored(List<ThompsonBandit.Evidence> evidence) {
        ThompsonBandit b = new ThompsonBandit();
        b.restore(evidence);
        return b;
    }

    @SafeVarargs
    private static List<ThompsonBandit.Evidence> union(List<ThompsonBandit.Evidence>... snapshots) {
        List<ThompsonBandit.Evidence> all = new java.util.ArrayList<>();
        for (List<ThompsonBandit.Evidence> s : snapshots) {
            all.addAll(s);
        }
        return all;
    }

    /**
     * The chance of winning the race, against closed forms: Beta(2,1) beats Beta(1,2) with probability 5/6
     * (the integral of 2x·(2x − x²) over [0, 1]); three arms with the same posterior each win a third.
     */
    @Test
    void thePropensityOfAChoiceIsItsChanceOfWinningTheRace() {
        ThompsonBandit bandit = new ThompsonBandit();
        bandit.learn("c", "good", true);
        bandit.learn("c", "bad", false);
        List<String> arms = List.of("bad", "good");
        for (long seed = 0; seed < 20; seed++) {
            double p = bandit.propensity("c", arms, "good", 1, 1, seed);
            assertThat(p).isBetween(5.0 / 6 - 0.05, 5.0 / 6 + 0.05);
            assertThat(p + bandit.propensity("c", arms, "bad", 1, 1, seed))
                    .as("the same races, plus the one won by each").isCloseTo(1 + 1.0 / 1001, within(1e-9));
            assertThat(bandit.propensity("c", arms, "good", 1, 1, seed)).as("reproducible from its seed").isEqualTo(p);
        }
        double[] chances = bandit.choiceProbabilities("c", arms, 1, 1, 3);
        assertThat(chances[0] + chances[1]).isCloseTo(1, within(1e-12));
        assertThat(chances[1]).isBetween(5.0 / 6 - 0.05, 5.0 / 6 + 0.05);

        List<String> three = List.of("x", "y", "z");
        assertThat(new ThompsonBandit().propensity("cold", three, "y", 1, 1, 42)).isEqualTo(1.0 / 3);
        assertThat(new ThompsonBandit().choiceProbabilities("cold", three, 1, 1, 42)).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
        assertThat(bandit.propensity("c", List.of("good"), "good", 1, 1, 1)).isEqualTo(1);
    }

    @Test
    void aLongShotStillHasAPropensityAboveZero() {
        ThompsonBandit bandit = new ThompsonBandit();
        for (int i = 0; i < 300; i++) {
            bandit.learn("c", "strong", true);
            bandit.learn("c", "weak", false);
        }
        double p = bandit.propensity("c", List.of("strong", "weak"), "weak", 1, 1, 9);
        assertThat(p).as("counted with the race it won").isEqualTo(1.0 / 1001);
    }

    @Test
    void betaSamplesHaveTheRightMean() {
        SplittableRandom r = new SplittableRandom(1);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += ThompsonBandit.beta(r, 2, 6);
        }
        assertThat(sum / 20_000).isBetween(0.24, 0.26);
    }
}
