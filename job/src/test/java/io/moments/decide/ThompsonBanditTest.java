package io.moments.decide;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(bandit.arms()).extracting(ThompsonBandit.Arm::intervention).doesNotContain("urgency_banner");
    }

    @Test
    void contextsLearnSeparatelyAndStateRoundTrips() {
        ThompsonBandit a = new ThompsonBandit();
        for (int i = 0; i < 50; i++) {
            a.learn("pause@checkout", "reassure_checkout", i % 2 == 0);
            a.learn("rage@cart", "offer_help", false);
        }
        ThompsonBandit b = new ThompsonBandit();
        b.restore(a.arms());
        assertThat(b.mean("pause@checkout", "reassure_checkout", 1, 1)).isEqualTo(a.mean("pause@checkout", "reassure_checkout", 1, 1));
        assertThat(b.mean("rage@cart", "offer_help", 1, 1)).isLessThan(0.05);
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
