package io.moments.lift.offpolicy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimators on simulated shoppers whose conversion probabilities are known: four contexts, three
 * actions, a stochastic logging policy with known propensities and a candidate (the best action per
 * context, or a mix) whose true conversion rate is computed exactly from the same table.
 */
class OffPolicyEstimateTest {

    static final String[] ACTIONS = {"A", "B", "C"};
    static final double[] CONTEXT_SHARE = {0.4, 0.3, 0.2, 0.1};
    /** P(convert | context, action). */
    static final double[][] CONVERT = {
            {0.10, 0.20, 0.05},
            {0.30, 0.15, 0.10},
            {0.05, 0.05, 0.25},
            {0.40, 0.20, 0.30}};
    /** P(convert | context) with no intervention: the holdout. */
    static final double[] BASELINE = {0.05, 0.10, 0.05, 0.20};
    /** The logging policy: P(action | context), every action possible everywhere. */
    static final double[][] LOGGING = {
            {0.6, 0.2, 0.2},
            {0.2, 0.6, 0.2},
            {0.5, 0.4, 0.1},
            {0.1, 0.3, 0.6}};
    /** The known best policy: argmax of CONVERT per context. */
    static final int[] BEST = {1, 0, 2, 0};

    /** A policy as P(action | context). */
    static double[][] deterministic(int[] choice) {
        double[][] p = new double[choice.length][ACTIONS.length];
        for (int c = 0; c < choice.length; c++) {
            p[c][choice[c]] = 1;
        }
        return p;
    }

    /** The exact conversion rate of a policy on this population. */
    static double truth(double[][] policy) {
        double v = 0;
        for (int c = 0; c < CONTEXT_SHARE.length; c++) {
            for (int a = 0; a < ACTIONS.length; a++) {
                v += CONTEXT_SHARE[c] * policy[c][a] * CONVERT[c][a];
            }
        }
        return v;
    }

    static double baselineTruth() {
        double v = 0;
        for (int c = 0; c < CONTEXT_SHARE.length; c++) {
            v += CONTEXT_SHARE[c] * BASELINE[c];
        }
        return v;
    }

    record Logged(List<OffPolicyEstimate.Sample> samples, long holdoutN, long holdoutConversions) {}

    /** {@code n} treatment sessions logged by {@code logging}, and {@code holdout} sessions with no intervention. */
    static Logged simulate(long seed, int n, int holdout, double[][] logging, double[][] candidate) {
        SplittableRandom random = new SplittableRandom(seed);
        List<OffPolicyEstimate.Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = pick(random, CONTEXT_SHARE);
            int a = pick(random, logging[c]);
            boolean converted = random.nextDouble() < CONVERT[c][a];
            Map<String, Double> choices = new HashMap<>();
            Set<String> support = new java.util.HashSet<>();
            for (int b = 0; b < ACTIONS.length; b++) {
                if (candidate[c][b] > 0) {
                    choices.put(ACTIONS[b], candidate[c][b]);
                }
                if (logging[c][b] > 0) {
                    support.add(ACTIONS[b]);
                }
            }
            samples.add(new OffPolicyEstimate.Sample("c" + c, ACTIONS[a], logging[c][a], converted, choices, support,
                    i % 2));
        }
        long conversions = 0;
        for (int i = 0; i < holdout; i++) {
            conversions += random.nextDouble() < BASELINE[pick(random, CONTEXT_SHARE)] ? 1 : 0;
        }
        return new Logged(samples, holdout, conversions);
    }

    static int pick(SplittableRandom random, double[] p) {
        double u = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            if (u < sum) {
                return i;
            }
        }
        return p.length - 1;
    }

    static OffPolicyEstimate.Result estimate(Logged l) {
        return OffPolicyEstimate.estimate(l.samples(), l.holdoutN(), l.holdoutConversions());
    }

    @Test
    void theBestPolicysRateIsEstimatedCloseToTheTruthAndItsIntervalCoversIt() {
        double[][] best = deterministic(BEST);
        double truth = truth(best);
        assertThat(truth).isCloseTo(0.26, within(1e-12));
        Logged l = simulate(1, 4000, 400, LOGGING, best);

        OffPolicyEstimate.Result r = estimate(l);

        assertThat(r.reliable()).as(r.warnings().toString()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.n()).isEqualTo(4000);
        assertThat(r.logged().value()).as("the logging policy is worse than the best").isLessThan(truth - 0.05);
        for (OffPolicyEstimate.Estimate e : List.of(r.snips(), r.dr())) {
            assertThat(e.rate().value()).isCloseTo(truth, within(0.025));
            assertThat(e.rate().ciLow()).isLessThanOrEqualTo(truth);
            assertThat(e.rate().ciHigh()).isGreaterThanOrEqualTo(truth);
            double lift = truth - baselineTruth();
            assertThat(e.lift().ciLow()).isLessThanOrEqualTo(lift);
            assertThat(e.lift().ciHigh()).isGreaterThanOrEqualTo(lift);
        }
        assertThat(r.ess()).isGreaterThan(500).isLessThan(r.matched() + 1e-9);
        assertThat(r.noOverlap()).isZero();
    }

    @Test
    void aStochasticCandidateToo() {
        double[][] mix = new double[4][];
        for (int c = 0; c < 4; c++) {
            mix[c] = new double[]{0.5, 0, 0};
            mix[c][BEST[c]] += 0.5;
        }
        double truth = truth(mix);
        OffPolicyEstimate.Result r = estimate(simulate(11, 4000, 0, LOGGING, mix));
        for (OffPolicyEstimate.Estimate e : List.of(r.snips(), r.dr())) {
            assertThat(e.rate().value()).isCloseTo(truth, within(0.025));
            assertThat(e.rate().ciLow()).isLessThanOrEqualTo(truth);
            assertThat(e.rate().ciHigh()).isGreaterThanOrEqualTo(truth);
            assertThat(e.lift()).as("no holdout, no lift").isNull();
        }
        assertThat(r.warnings()).containsExactly("no holdout sessions: no lift against doing nothing");
        assertThat(r.reliable()).as("a missing holdout costs the lift, not the estimate").isTrue();
    }

    /** Over many simulated logs the intervals cover the truth about as often as they say, and the estimates centre on it. */
    @Test
    void theIntervalsCoverTheTruthAboutNinetyFivePercentOfTheTime() {
        double[][] best = deterministic(BEST);
        double truth = truth(best);
        double lift = truth - baselineTruth();
        int runs = 200;
        int[] covered = new int[2];
        int[] liftCovered = new int[2];
        double[] sum = new double[2];
        for (int run = 0; run < runs; run++) {
            OffPolicyEstimate.Result r = estimate(simulate(1000 + run, 1500, 300, LOGGING, best));
            List<OffPolicyEstimate.Estimate> both = List.of(r.snips(), r.dr());
            for (int k = 0; k < 2; k++) {
                OffPolicyEstimate.Interval i = both.get(k).rate();
                covered[k] += i.ciLow() <= truth && truth <= i.ciHigh() ? 1 : 0;
                sum[k] += i.value();
                OffPolicyEstimate.Interval l = both.get(k).lift();
                liftCovered[k] += l.ciLow() <= lift && lift <= l.ciHigh() ? 1 : 0;
            }
        }
        for (int k = 0; k < 2; k++) {
            String name = k == 0 ? "SNIPS" : "DR";
            assertThat(covered[k] / (double) runs).as(name + " coverage").isBetween(0.90, 1.0);
            assertThat(liftCovered[k] / (double) runs).as(name + " lift coverage").isBetween(0.90, 1.0);
            assertThat(sum[k] / runs).as(name + " mean").isCloseTo(truth, within(0.005));
        }
    }

    @Test
    void theCandidateTakingWhatTheLoggingPolicyNeverCouldIsNoOverlapAndUnreliable() {
        // the logging policy never offers C in context c2, where the candidate always would (20 % of sessions)
        double[][] logging = {LOGGING[0], LOGGING[1], {0.5, 0.5, 0}, LOGGING[3]};
        OffPolicyEstimate.Result r = estimate(simulate(3, 4000, 400, logging, deterministic(BEST)));

        assertThat(r.reliable()).isFalse();
        assertThat(r.noOverlap()).isCloseTo(0.2, within(0.03));
        assertThat(r.gaps()).extracting(OffPolicyEstimate.Gap::context, OffPolicyEstimate.Gap::action,
                OffPolicyEstimate.Gap::unsupported).containsExactly(org.assertj.core.groups.Tuple.tuple("c2", "C", true));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("no overlap: ")
                .contains("C in c2").contains("propensity 0"));
    }

    @Test
    void aDeterministicLoggingPolicyGivesNoOverlapForAnyOtherChoice() {
        // logged by rule order: always A (propensity 1); the candidate's B, C are never seen
        double[][] alwaysA = deterministic(new int[]{0, 0, 0, 0});
        OffPolicyEstimate.Result r = estimate(simulate(5, 1000, 100, alwaysA, deterministic(BEST)));
        assertThat(r.reliable()).isFalse();
        assertThat(r.noOverlap()).as("c0 and c2 (60 %) want B and C").isCloseTo(0.6, within(0.05));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("no overlap: "));

        // the same candidate as the logging policy: every session matches, weight 1, the logged rate exactly
        OffPolicyEstimate.Result same = estimate(simulate(5, 1000, 100, alwaysA, alwaysA));
        assertThat(same.reliable()).isTrue();
        assertThat(same.matched()).isEqualTo(1000);
        assertThat(same.ess()).isCloseTo(1000, within(1e-6));
        assertThat(same.snips().rate().value()).isCloseTo(same.logged().value(), within(1e-12));
        assertThat(same.dr().rate().value()).isCloseTo(same.logged().value(), within(1e-12));
    }

    @Test
    void aTinyEffectiveSampleSizeIsUnreliable() {
        // B is logged with propensity 0.005: about 10 of 2000 sessions carry the candidate's whole estimate
        double[][] rarelyB = new double[4][];
        for (int c = 0; c < 4; c++) {
            rarelyB[c] = new double[]{0.995, 0.005, 0};
        }
        OffPolicyEstimate.Result r = estimate(simulate(9, 2000, 200, rarelyB, deterministic(new int[]{1, 1, 1, 1})));
        assertThat(r.ess()).isLessThan(OffPolicyEstimate.MIN_ESS);
        assertThat(r.reliable()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("tiny effective sample size: ESS ")
                .contains("< 30"));
    }

    @Test
    void anEffectiveSampleSizeUnderOnePercentOfTheSessionsIsUnreliable() {
        double[][] rarelyB = new double[4][];
        for (int c = 0; c < 4; c++) {
            rarelyB[c] = new double[]{0.998, 0.002, 0};
        }
        OffPolicyEstimate.Result r = estimate(simulate(13, 20_000, 0, rarelyB, deterministic(new int[]{1, 1, 1, 1})));
        assertThat(r.ess()).as("above the floor, under 1 % of 20 000").isBetween(OffPolicyEstimate.MIN_ESS, 200.0);
        assertThat(r.reliable()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("is under 1% of the 20000 sessions"));
    }

    @Test
    void noMatchAtAllHasNoSnipsAndSaysSo() {
        double[][] never = new double[4][];
        for (int c = 0; c < 4; c++) {
            never[c] = new double[]{1, 0, 0};
        }
        OffPolicyEstimate.Result r = estimate(simulate(2, 200, 20, never, deterministic(new int[]{2, 2, 2, 2})));
        assertThat(r.matched()).isZero();
        assertThat(r.snips()).isNull();
        assertThat(r.ess()).isZero();
        assertThat(r.reliable()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("no overlap at all"));
        assertThat(r.dr()).as("the outcome model still extrapolates, flagged unreliable").isNotNull();
    }

    @Test
    void oneFoldOnlyHasNoDoublyRobustEstimate() {
        var s = new OffPolicyEstimate.Sample("c", "A", 1, true, Map.of("A", 1.0), Set.of("A"), 0);
        OffPolicyEstimate.Result r = OffPolicyEstimate.estimate(List.of(s), 0, 0);
        assertThat(r.dr()).isNull();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("no doubly robust estimate"));
        assertThat(OffPolicyEstimate.estimate(List.of(), 0, 0).warnings()).contains("no logged treatment session to weigh");
    }

    @Test
    void aSampleNeedsAPropensityInZeroToOne() {
        assertThatThrownBy(() -> new OffPolicyEstimate.Sample("c", "A", 0, true, Map.of(), Set.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new OffPolicyEstimate.Sample("c", "A", 1.5, true, Map.of(), Set.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
