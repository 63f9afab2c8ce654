package io.moments.decide;

import java.util.ArrayList;
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

    /** Marsaglia and Tsang's method; shape < 1 via the boost Gamma(a+1)·U^(1/a). */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(random);
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
