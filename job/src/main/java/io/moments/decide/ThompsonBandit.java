package io.moments.decide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Thompson sampling over Beta posteriors, one per (context, intervention). It only ever chooses
 * among the candidates it is given, which the policy has already filtered through consent,
 * ambiguity and guardrails, so it cannot pick a disallowed intervention.
 *
 * <p>Each parallel instance of the session operator learns from the outcomes of its own sessions,
 * on top of the evidence all instances had at the last restore. Its snapshot keeps the two apart
 * ({@link Evidence#shared}): one instance writes the shared part, every instance its own learning;
 * a restore at any parallelism adds them all up, so each instance starts from everything every
 * instance learned — merged, never divided or counted twice (docs/decisions.md).
 */
public final class ThompsonBandit {

    /** One posterior, as kept in operator state by releases before 2026-12-02 (split among instances on restore). */
    public record Arm(String context, String intervention, double successes, double failures) {}

    /**
     * Outcomes counted for one (context, intervention): the part every instance restored with
     * ({@code shared}), or what one instance learned since.
     */
    public record Evidence(String context, String intervention, double successes, double failures, boolean shared) {}

    /** Races run to estimate a choice's probability (see {@link #propensity}). */
    public static final int PROPENSITY_DRAWS = 1000;

    /** Everything this instance knows: the shared evidence plus its own. */
    private final Map<String, double[]> posteriors = new HashMap<>();
    /** What this instance learned since its last restore. */
    private final Map<String, double[]> learned = new HashMap<>();

    public String choose(String context, List<String> candidates, double priorSuccesses, double priorFailures,
                         long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String best = candidates.get(0);
        double bestDraw = -1;
        for (String candidate : candidates) {
            double[] p = posteriors.getOrDefault(key(context, candidate), new double[2]);
            double draw = beta(random, priorSuccesses + p[0], priorFailures + p[1]);
            if (draw > bestDraw) {
                bestDraw = draw;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The probability that {@link #choose} picks {@code chosen} among {@code candidates} here and now: the
     * chance that its posterior draw is the largest. Exactly {@code 1/k} when the k posteriors are the same
     * (a cold start); otherwise estimated by Monte Carlo with {@link #PROPENSITY_DRAWS} fresh races drawn from
     * {@code seed} (so a replay with the same evidence gives the same number), counting the race that chose
     * it as one more, won: {@code (wins + 1) / (draws + 1)}, never 0, at most {@code 1/(draws+1)} above the
     * plain frequency, with a standard error of at most {@code 0.5/sqrt(draws)} ≈ 0.016.
     */
    public double propensity(String context, List<String> candidates, String chosen, double priorSuccesses,
                             double priorFailures, long seed) {
        int index = candidates.indexOf(chosen);
        if (index < 0) {
            throw new IllegalArgumentException(chosen + " is not among " + candidates);
        }
        if (candidates.size() == 1) {
            return 1;
        }
        double[][] ab = posteriors(context, candidates, priorSuccesses, priorFailures);
        if (identical(ab)) {
            return 1.0 / candidates.size();
        }
        int wins = wins(ab, PROPENSITY_DRAWS, seed)[index];
        return (wins + 1.0) / (PROPENSITY_DRAWS + 1.0);
    }

    /**
     * The probability of each candidate being chosen ({@link #propensity} for all of them at once, without
     * the won race: these are for a policy that did not choose), summing to 1.
     */
    public double[] choiceProbabilities(String context, List<String> candidates, double priorSuccesses,
                                        double priorFailures, long seed) {
        double[] out = new double[candidates.size()];
        double[][] ab = posteriors(context, candidates, priorSuccesses, priorFailures);
        if (identical(ab)) {
            Arrays.fill(out, 1.0 / candidates.size());
            return out;
        }
        int[] wins = wins(ab, PROPENSITY_DRAWS, seed);
        for (int i = 0; i < out.length; i++) {
            out[i] = (double) wins[i] / PROPENSITY_DRAWS;
        }
        return out;
    }

    private double[][] posteriors(String context, List<String> candidates, double priorSuccesses, double priorFailures) {
        double[][] ab = new double[candidates.size()][];
        for (int i = 0; i < ab.length; i++) {
            double[] p = posteriors.getOrDefault(key(context, candidates.get(i)), new double[2]);
            ab[i] = new double[]{priorSuccesses + p[0], priorFailures + p[1]};
        }
        return ab;
    }

    private static boolean identical(double[][] ab) {
        for (double[] x : ab) {
            if (x[0] != ab[0][0] || x[1] != ab[0][1]) {
                return false;
            }
        }
        return true;
    }

    /** How often each arm's draw is the largest in {@code draws} races (ties to the first, as {@link #choose}). */
    private static int[] wins(double[][] ab, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] wins = new int[ab.length];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double bestDraw = -1;
            for (int i = 0; i < ab.length; i++) {
                double x = gamma(random, ab[i][0], true);
                double draw = x / (x + gamma(random, ab[i][1], true));
                if (draw > bestDraw) {
                    bestDraw = draw;
                    best = i;
                }
            }
            wins[best]++;
        }
        return wins;
    }

    public void learn(String context, String intervention, boolean success) {
        String key = key(context, intervention);
        posteriors.computeIfAbsent(key, k -> new double[2])[success ? 0 : 1] += 1;
        learned.computeIfAbsent(key, k -> new double[2])[success ? 0 : 1] += 1;
    }

    /** Posterior mean with the given prior, for reports and tests. */
    public double mean(String context, String intervention, double priorSuccesses, double priorFailures) {
        double[] p = posteriors.getOrDefault(key(context, intervention), new double[2]);
        return (priorSuccesses + p[0]) / (priorSuccesses + priorFailures + p[0] + p[1]);
    }

    /** This instance's snapshot: its own learning, and the shared evidence when {@code withShared} (one instance). */
    public List<Evidence> snapshot(boolean withShared) {
        List<Evidence> out = new ArrayList<>();
        learned.forEach((key, p) -> out.add(evidence(key, p, false)));
        if (withShared) {
            posteriors.forEach((key, p) -> {
                double[] own = learned.getOrDefault(key, new double[2]);
                double[] shared = {p[0] - own[0], p[1] - own[1]};
                if (shared[0] != 0 || shared[1] != 0) {
                    out.add(evidence(key, shared, true));
                }
            });
        }
        return out;
    }

    /** Every instance's snapshot, merged: all of it becomes the shared evidence of this instance. */
    public void restore(Iterable<Evidence> everyInstance) {
        for (Evidence e : everyInstance) {
            double[] p = posteriors.computeIfAbsent(key(e.context(), e.intervention()), k -> new double[2]);
            p[0] += e.successes();
            p[1] += e.failures();
        }
    }

    /**
     * Posteriors of the earlier state layout, which Flink split among instances: taken as this
     * instance's own learning, so the next restore merges them with everyone's.
     */
    public void restoreSplit(Iterable<Arm> arms) {
        for (Arm arm : arms) {
            String key = key(arm.context(), arm.intervention());
            for (Map<String, double[]> m : List.of(posteriors, learned)) {
                double[] p = m.computeIfAbsent(key, k -> new double[2]);
                p[0] += arm.successes();
                p[1] += arm.failures();
            }
        }
    }

    private static Evidence evidence(String key, double[] p, boolean shared) {
        int bar = key.indexOf('|');
        return new Evidence(key.substring(0, bar), key.substring(bar + 1), p[0], p[1], shared);
    }

    private static String key(String context, String intervention) {
        return context + '|' + intervention;
    }

    /** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    static double beta(SplittableRandom random, double a, double b) {
        double x = gamma(random, a);
        double y = gamma(random, b);
        return x / (x + y);
    }

    static double gamma(SplittableRandom random, double shape) {
        return gamma(random, shape, false);
    }

    /**
     * Marsaglia and Tsang's method; shape < 1 via the boost Gamma(a+1)·U^(1/a). The choice's own draw
     * takes its normals from Box–Muller (as it always has: a replay chooses as before); the races that
     * estimate a propensity from the JDK's ziggurat ({@code nextGaussian}), the same distribution at a
     * third of the cost.
     */
    private static double gamma(SplittableRandom random, double shape, boolean ziggurat) {
        if (shape < 1) {
            return gamma(random, shape + 1, ziggurat) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = ziggurat ? random.nextGaussian() : gaussian(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, Double.MIN_VALUE))) * Math.cos(2 * Math.PI * u2);
    }
}
