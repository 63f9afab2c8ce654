package io.moments.ratings;

import io.moments.config.LabelImpulse;
import io.moments.config.LabelSettings;
import io.moments.config.LabelWeights;
import io.moments.labels.BehaviourSignals;
import io.moments.labels.LabelRules;
import io.moments.models.Label;
import io.moments.models.LabelScores;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fits the behaviour impulse magnitudes ({@link LabelImpulse}) to ratings, on the job's own labeler
 * ({@link LabelerRun}).
 *
 * <p>The labels are not linear in the magnitudes (an impulse {@code i} moves {@code v} to {@code v + i(1 - v)},
 * values decay between events, one dwell is capped), so there is no closed form: the fit minimises
 * <pre>  J(w) = mean over rated (moment, label) pairs of (label(w) - rating)^2 + lambda * sum_k (w_k - w0_k)^2</pre>
 * over {@code w} in [0, 1]^K by coordinate descent, {@code w0} being the current magnitudes (hand-set, or
 * those of {@code moments.labels.weights}): one magnitude at a time, a grid of 0, 0.1, ..., 1 and the
 * current value, then a golden-section search within 0.1 of the best, until a sweep over all of them
 * gains less than 1e-9 or after {@link Options#maxSweeps} sweeps. Each evaluation runs the labeler over
 * every training session. A magnitude that changes no training label (its behaviour never happens
 * before a rated moment) stays where the ridge term puts it: at its current value.
 *
 * <p>Held-out figures: the sessions are dealt into {@link Options#folds} folds (shuffled with the seed);
 * each fold's moments are labelled with weights fitted on the other folds, and MAE and Spearman of
 * those pooled labels are set against those of the current weights on the same moments. The weights
 * written are then fitted on every moment.
 */
public final class LabelFit {

    /**
     * @param lambda ridge strength towards the current magnitudes, in units of squared rating error
     */
    public record Options(int folds, double lambda, long seed, int maxSweeps) {
        public static final Options DEFAULTS = new Options(5, 0.01, 1, 20);

        public Options {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2, not " + folds);
            }
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be 0 or more, not " + lambda);
            }
            if (maxSweeps < 1) {
                throw new IllegalArgumentException("max-sweeps must be at least 1, not " + maxSweeps);
            }
        }
    }

    /** MAE and Spearman of a label's moments (Spearman NaN where undefined, and for all labels together). */
    public record Figures(int n, double mae, double spearman) {}

    /**
     * @param heldOutBefore current weights on every moment (no fit involved); {@code heldOutAfter}: each
     *                      moment labelled by the weights fitted without its fold. {@code all}: every
     *                      rated (moment, label) pair
     * @param inSample      the final weights on the moments they were fitted on (optimistic)
     * @param unmoved       impulses that changed no label before a rated moment: left at their current value
     */
    public record Report(int moments, int sessions, Options options, LabelWeights current, LabelWeights fitted,
                         Map<Label, Figures> heldOutBefore, Map<Label, Figures> heldOutAfter, Figures allBefore,
                         Figures allAfter, Figures inSampleAll, List<LabelImpulse> unmoved) {}

    private static final double GRID_STEP = 0.1;
    private static final int GOLDEN_STEPS = 14;
    private static final double MIN_GAIN = 1e-9;

    private LabelFit() {}

    public static Report fit(SessionEvents events, List<RatedMoment> moments, LabelSettings settings,
                             LabelRules rules, Options options) throws InvalidInputException {
        List<String> sessions = new ArrayList<>(new LinkedHashSet<>(moments.stream().map(RatedMoment::sessionId).toList()));
        if (sessions.size() < options.folds()) {
            throw new InvalidInputException(List.of("the ratings name " + sessions.size() + " sessions; "
                    + options.folds() + " folds need at least as many"));
        }
        Collections.shuffle(sessions, new Random(options.seed()));
        Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int i = 0; i < sessions.size(); i++) {
            foldOf.put(sessions.get(i), i % options.folds());
        }
        LabelWeights current = settings.weights();
        LabelScores[] before = new LabelerRun(events, moments).labels(settings, rules);
        LabelScores[] after = new LabelScores[moments.size()];
        for (int f = 0; f < options.folds(); f++) {
            List<RatedMoment> train = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            for (int m = 0; m < moments.size(); m++) {
                if (foldOf.get(moments.get(m).sessionId()) == f) {
                    heldOut.add(m);
                } else {
                    train.add(moments.get(m));
                }
            }
            LabelWeights w = fitWeights(events, train, settings, rules, options).weights();
            List<RatedMoment> test = heldOut.stream().map(moments::get).toList();
            LabelScores[] predicted = new LabelerRun(events, test).labels(settings.withWeights(w), rules);
            for (int k = 0; k < heldOut.size(); k++) {
                after[heldOut.get(k)] = predicted[k];
            }
        }
        Fitted all = fitWeights(events, moments, settings, rules, options);
        LabelScores[] inSample = new LabelerRun(events, moments).labels(settings.withWeights(all.weights()), rules);
        return new Report(moments.size(), sessions.size(), options, current, all.weights(),
                figures(moments, before), figures(moments, after), overall(moments, before), overall(moments, after),
                overall(moments, inSample), all.unmoved());
    }

    /** The weights fitted on these moments, and the impulses that moved none of their labels. */
    public record Fitted(LabelWeights weights, List<LabelImpulse> unmoved, double objective, int sweeps) {}

    public static Fitted fitWeights(SessionEvents events, List<RatedMoment> moments, LabelSettings settings,
                                    LabelRules rules, Options options) {
        Objective objective = new Objective(new LabelerRun(events, moments), moments, settings, rules,
                options.lambda());
        LabelWeights prior = settings.weights();
        List<LabelImpulse> active = new ArrayList<>();
        List<LabelImpulse> unmoved = new ArrayList<>();
        for (LabelImpulse k : LabelImpulse.values()) {
            if (objective.moves(prior, k)) {
                active.add(k);
            } else {
                unmoved.add(k);
            }
        }
        LabelWeights w = prior;
        double j = objective.value(w);
        int sweeps = 0;
        while (sweeps < options.maxSweeps()) {
            sweeps++;
            double start = j;
            for (LabelImpulse k : active) {
                Step step = lineSearch(objective, w, k, j);
                w = w.with(k, step.value());
                j = step.objective();
            }
            if (start - j < MIN_GAIN) {
                break;
            }
        }
        // As the document holds them: what is reported is what the job will load.
        LabelWeights rounded = w;
        for (LabelImpulse k : LabelImpulse.values()) {
            rounded = rounded.with(k, Math.round(w.get(k) * 10_000) / 10_000.0);
        }
        return new Fitted(rounded, List.copyOf(unmoved), objective.value(rounded), sweeps);
    }

    /** One coordinate's best value and the objective there. */
    private record Step(double value, double objective) {}

    /**
     * The best magnitude of impulse {@code k} with the others fixed: a coarse grid over 0..1 first (the
     * objective need not be convex in one impulse), then a golden-section search around the grid's best.
     */
    private static Step lineSearch(Objective objective, LabelWeights w, LabelImpulse k, double current) {
        double best = w.get(k);
        double bestJ = current;
        for (int g = 0; g <= Math.round(1 / GRID_STEP); g++) {
            double c = Math.min(1, g * GRID_STEP);
            double jc = objective.value(w.with(k, c));
            if (jc < bestJ) {
                best = c;
                bestJ = jc;
            }
        }
        double lo = Math.max(0, best - GRID_STEP);
        double hi = Math.min(1, best + GRID_STEP);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double ja = objective.value(w.with(k, a));
        double jb = objective.value(w.with(k, b));
        for (int s = 0; s < GOLDEN_STEPS; s++) {
            if (ja < jb) {
                hi = b;
                b = a;
                jb = ja;
                a = hi - phi * (hi - lo);
                ja = objective.value(w.with(k, a));
            } else {
                lo = a;
                a = b;
                ja = jb;
                b = lo + phi * (hi - lo);
                jb = objective.value(w.with(k, b));
            }
        }
        if (ja < bestJ) {
            best = a;
            bestJ = ja;
        }
        if (jb < bestJ) {
            best = b;
            bestJ = jb;
        }
        return new Step(best, bestJ);
    }

    /** The fit's objective on a set of moments: mean squared error plus the ridge term. */
    private static final class Objective {
        private final LabelerRun run;
        private final List<RatedMoment> moments;
        private final LabelSettings settings;
        private final LabelRules rules;
        private final double lambda;
        private final int pairs;

        Objective(LabelerRun run, List<RatedMoment> moments, LabelSettings settings, LabelRules rules, double lambda) {
            this.run = run;
            this.moments = moments;
            this.settings = settings;
            this.rules = rules;
            this.lambda = lambda;
            this.pairs = moments.stream().mapToInt(m -> m.truth().size()).sum();
        }

        double value(LabelWeights w) {
            LabelScores[] predicted = run.labels(settings.withWeights(w), rules);
            double sse = 0;
            for (int m = 0; m < predicted.length; m++) {
                for (Map.Entry<Label, Double> t : moments.get(m).truth().entrySet()) {
                    double e = predicted[m].get(t.getKey()) - t.getValue();
                    sse += e * e;
                }
            }
            double ridge = 0;
            for (LabelImpulse k : LabelImpulse.values()) {
                double d = w.get(k) - settings.weights().get(k);
                ridge += d * d;
            }
            return sse / pairs + lambda * ridge;
        }

        /** Whether a magnitude changes any rated label of these moments (0 against 1, the rest as in {@code w}). */
        boolean moves(LabelWeights w, LabelImpulse k) {
            LabelScores[] low = run.labels(settings.withWeights(w.with(k, 0)), rules);
            LabelScores[] high = run.labels(settings.withWeights(w.with(k, 1)), rules);
            for (int m = 0; m < low.length; m++) {
                Label label = BehaviourSignals.labelOf(k);
                if (moments.get(m).truth().containsKey(label) && low[m].get(label) != high[m].get(label)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Map<Label, Figures> figures(List<RatedMoment> moments, LabelScores[] predicted) {
        Map<Label, Figures> out = new EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            List<double[]> pairs = new ArrayList<>();
            for (int m = 0; m < moments.size(); m++) {
                Double t = moments.get(m).truth().get(label);
                if (t != null) {
                    pairs.add(new double[]{predicted[m].get(label), t});
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            double[] s = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] t = pairs.stream().mapToDouble(p -> p[1]).toArray();
            out.put(label, new Figures(s.length, Stats.mae(s, t), Stats.spearman(s, t)));
        }
        return out;
    }

    private static Figures overall(List<RatedMoment> moments, LabelScores[] predicted) {
        double sum = 0;
        int n = 0;
        for (int m = 0; m < moments.size(); m++) {
            for (Map.Entry<Label, Double> t : moments.get(m).truth().entrySet()) {
                sum += Math.abs(predicted[m].get(t.getKey()) - t.getValue());
                n++;
            }
        }
        return new Figures(n, n == 0 ? Double.NaN : sum / n, Double.NaN);
    }

    /** The report as the command prints it. */
    public static String text(Report r, String header) {
        StringBuilder b = new StringBuilder(header).append('\n');
        Options o = r.options();
        b.append(String.format(Locale.ROOT, "%d rated moments in %d sessions; %d impulses, squared error plus ridge "
                        + "towards the current magnitudes (lambda %s), coordinate descent on the job's labeler%n",
                r.moments(), r.sessions(), LabelImpulse.values().length, o.lambda()));
        b.append(String.format(Locale.ROOT, "held out: %d session folds (seed %d), each fold's moments labelled by "
                + "weights fitted on the others%n%n", o.folds(), o.seed()));
        b.append(String.format(Locale.ROOT, "%-18s %4s  %-10s %-10s  %-15s %s%n", "label", "n", "mae before",
                "mae after", "spearman before", "spearman after"));
        for (Map.Entry<Label, Figures> e : r.heldOutBefore().entrySet()) {
            Figures a = r.heldOutAfter().get(e.getKey());
            b.append(String.format(Locale.ROOT, "%-18s %4d  %-10s %-10s  %-15s %s%n", e.getKey().wireName(),
                    e.getValue().n(), f3(e.getValue().mae()), f3(a.mae()), f2(e.getValue().spearman()),
                    f2(a.spearman())));
        }
        b.append(String.format(Locale.ROOT, "%-18s %4d  %-10s %s%n", "all labels", r.allBefore().n(),
                f3(r.allBefore().mae()), f3(r.allAfter().mae())));
        b.append(String.format(Locale.ROOT, "%nweights fitted on all %d moments (in-sample mae of all labels %s, "
                + "optimistic):%n", r.moments(), f3(r.inSampleAll().mae())));
        b.append(String.format(Locale.ROOT, "%-36s %8s %8s%n", "impulse", "current", "fitted"));
        for (LabelImpulse k : LabelImpulse.values()) {
            b.append(String.format(Locale.ROOT, "%-36s %8.3f %8.3f%s%n", k.wireName(), r.current().get(k),
                    r.fitted().get(k), r.unmoved().contains(k) ? "  (not seen before a rated moment: kept)" : ""));
        }
        return b.toString();
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
