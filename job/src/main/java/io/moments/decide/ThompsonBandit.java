package io.moments.decide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Thompson sampling over Beta posteriors, one per (context, intervention). It only ever chooses
 * among the candidates it is given, which the policy has already filtered through consent,
 * ambiguity and guardrails, so it cannot pick a disallowed intervention. Each parallel instance of
 * the session operator keeps its own posteriors, learned from the outcomes of its own sessions
 * (see docs/decisions.md).
 */
public final class ThompsonBandit {

    /** One posterior, as kept in operator state. */
    public record Arm(String context, String intervention, double successes, double failures) {}

    private final Map<String, double[]> posteriors = new HashMap<>();

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
        double[] p = posteriors.computeIfAbsent(key(context, intervention), k -> new double[2]);
        p[success ? 0 : 1] += 1;
    }

    /** Posterior mean with the given prior, for reports and tests. */
    public double mean(String context, String intervention, double priorSuccesses, double priorFailures) {
        double[] p = posteriors.getOrDefault(key(context, intervention), new double[2]);
        return (priorSuccesses + p[0]) / (priorSuccesses + priorFailures + p[0] + p[1]);
    }

    public List<Arm> arms() {
        return posteriors.entrySet().stream().map(e -> {
            int bar = e.getKey().indexOf('|');
            return new Arm(e.getKey().substring(0, bar), e.getKey().substring(bar + 1), e.getValue()[0], e.getValue()[1]);
        }).toList();
    }

    public void restore(Iterable<Arm> arms) {
        for (Arm arm : arms) {
            double[] p = posteriors.computeIfAbsent(key(arm.context(), arm.intervention()), k -> new double[2]);
            p[0] += arm.successes();
            p[1] += arm.failures();
        }
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
