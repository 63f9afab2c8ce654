package io.moments.lift.offpolicy;

import io.moments.lift.LiftStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A candidate policy's conversion rate estimated from sessions another policy decided (off-policy
 * evaluation), by self-normalised inverse propensity (SNIPS) and doubly robust (DR) estimators, with
 * 95 % normal intervals from sandwich (delta-method) standard errors, the effective sample size of
 * the weights, and a verdict on whether to trust it. Pure arithmetic on {@link Sample}s: no policy,
 * no file, no Flink ({@link CandidateReplay} makes the samples from a decision log).
 *
 * <p>For session {@code i} with logged action {@code a_i}, logged propensity {@code p_i}, outcome
 * {@code r_i} (converted or not) and the candidate's probability {@code π(a|x_i)} of each action, the
 * weight is {@code w_i = π(a_i|x_i) / p_i}.
 * <ul>
 *   <li>SNIPS: {@code Σ w_i r_i / Σ w_i}; variance {@code Σ w_i² (r_i − V)² / (Σ w_i)²}.</li>
 *   <li>DR: the mean of {@code ψ_i = Σ_a π(a|x_i) q(x_i, a) + w_i (r_i − q(x_i, a_i))}, variance
 *       {@code var(ψ) / n}, where {@code q} is the outcome model: the empirical conversion rate of
 *       each (context, action), shrunk by {@value #PSEUDO_SESSIONS} pseudo-sessions towards the action's
 *       rate over all contexts (itself shrunk towards the overall rate), and cross-fitted: the sessions
 *       of fold 0 are scored by a model fitted on fold 1 and vice versa, so no session's outcome
 *       predicts itself.</li>
 *   <li>ESS: {@code (Σ w)² / Σ w²} — how many sessions the weighted estimate is worth.</li>
 * </ul>
 * Unreliable (with a warning each) when no session matches, when the ESS is below {@value #MIN_ESS} or
 * below {@code MIN_ESS_SHARE} (1 %) of the sessions, or when more than {@code MAX_NO_OVERLAP_SHARE}
 * (1 %) of the candidate's choices fall where the logs have no overlap: an action the logging policy
 * could not take there (propensity 0, {@link Sample#support}) or never took in that context. The
 * estimators cannot see how those sessions would convert; the true rate may differ from the estimate
 * by up to that share.
 */
public final class OffPolicyEstimate {

    /** The smallest effective sample size an estimate is trusted with. */
    public static final double MIN_ESS = 30;
    /** The smallest effective sample size, as a share of the sessions, an estimate is trusted with. */
    public static final double MIN_ESS_SHARE = 0.01;
    /** The largest share of the candidate's choices without overlap in the logs an estimate is trusted with. */
    public static final double MAX_NO_OVERLAP_SHARE = 0.01;
    /** Pseudo-sessions of the outcome model's shrinkage (towards the action's rate, then the overall rate). */
    public static final double PSEUDO_SESSIONS = 2;
    public static final String INTERVAL = "95% normal interval, sandwich (delta-method) standard error";

    private static final double Z = 1.959964;
    private static final int EXAMPLES = 3;

    private OffPolicyEstimate() {}

    /**
     * One logged session, by its first decision.
     *
     * @param context    what the outcome model conditions on (the logged rule and stage)
     * @param action     the logged action (an intervention, or {@code none})
     * @param propensity the logging policy's probability of {@code action} here, in (0, 1]
     * @param candidate  the candidate policy's probability of each action here (those it never takes may be left out)
     * @param support    the actions the logging policy could take here (propensity above 0)
     * @param fold       0 or 1: the outcome model for this session is fitted on the other fold
     */
    public record Sample(String context, String action, double propensity, boolean converted,
                         Map<String, Double> candidate, Set<String> support, int fold) {

        public Sample {
            if (!(propensity > 0 && propensity <= 1)) {
                throw new IllegalArgumentException("propensity must be in (0, 1]: " + propensity);
            }
            if (fold != 0 && fold != 1) {
                throw new IllegalArgumentException("fold must be 0 or 1: " + fold);
            }
        }

        double weight() {
            return candidate.getOrDefault(action, 0.0) / propensity;
        }
    }

    /** A rate (or a difference of rates) with its 95 % interval and standard error. */
    public record Interval(double value, double ciLow, double ciHigh, double standardError) {}

    /** An estimator's result: the candidate's rate, and its lift over the holdout (null without one). */
    public record Estimate(Interval rate, Interval lift) {}

    /** Where the candidate acts without overlap: an action in a context, and how many sessions' worth. */
    public record Gap(String context, String action, double sessions, boolean unsupported) {}

    /** Per action: logged sessions and their conversions, the candidate's expected sessions, matched sessions. */
    public record ActionRow(String action, long logged, long conversions, double candidate, long matched) {}

    /**
     * @param n             sessions weighed
     * @param matched       sessions where the candidate may take the logged action (weight above 0)
     * @param logged        the logging policy's conversion rate on these sessions (Wilson interval)
     * @param holdout       the holdout's conversion rate (Wilson interval), null without holdout sessions
     * @param snips         null when no session matches
     * @param dr            null when the outcome model cannot be cross-fitted (a fold is empty)
     * @param noOverlap     share of the candidate's choices (by probability) without overlap in the logs
     */
    public record Result(long n, long matched, double ess, Interval logged, long holdoutN, Interval holdout,
                         Estimate snips, Estimate dr, double noOverlap, List<Gap> gaps, List<ActionRow> actions,
                         boolean reliable, List<String> warnings) {}

    /** Estimates from the treatment sessions, with the holdout's sessions and conversions for the lift. */
    public static Result estimate(List<Sample> samples, long holdoutN, long holdoutConversions) {
        long n = samples.size();
        double sumW = 0;
        double sumW2 = 0;
        long matched = 0;
        long conversions = 0;
        for (Sample s : samples) {
            double w = s.weight();
            sumW += w;
            sumW2 += w * w;
            matched += w > 0 ? 1 : 0;
            conversions += s.converted() ? 1 : 0;
        }
        double ess = sumW2 == 0 ? 0 : sumW * sumW / sumW2;
        Interval logged = wilson(conversions, n);
        Interval holdout = holdoutN == 0 ? null : wilson(holdoutConversions, holdoutN);

        List<Gap> gaps = gaps(samples);
        double noOverlapSessions = gaps.stream().mapToDouble(Gap::sessions).sum();
        double noOverlap = n == 0 ? 0 : noOverlapSessions / n;

        Estimate snips = sumW == 0 ? null : withLift(snips(samples, sumW), holdout, holdoutN);
        Interval drRate = dr(samples);
        Estimate dr = drRate == null ? null : withLift(drRate, holdout, holdoutN);

        List<String> warnings = new ArrayList<>();
        boolean reliable = true;
        if (n == 0) {
            warnings.add("no logged treatment session to weigh");
            reliable = false;
        } else if (matched == 0) {
            warnings.add("no overlap at all: in none of the " + n
                    + " sessions would the candidate take the logged action");
            reliable = false;
        } else {
            if (ess < MIN_ESS) {
                warnings.add("tiny effective sample size: ESS " + round(ess, 1) + " < " + (int) MIN_ESS
                        + " (" + matched + " of " + n + " sessions match the candidate)");
                reliable = false;
            } else if (ess < MIN_ESS_SHARE * n) {
                warnings.add("tiny effective sample size: ESS " + round(ess, 1) + " is under "
                        + (int) (MIN_ESS_SHARE * 100) + "% of the " + n + " sessions");
                reliable = false;
            }
        }
        if (noOverlap > MAX_NO_OVERLAP_SHARE) {
            warnings.add(noOverlapWarning(noOverlap, gaps));
            reliable = false;
        }
        if (snips != null && snips.rate().standardError() == 0 && matched > 0) {
            warnings.add("every matched session has the same outcome: the normal interval is degenerate");
        }
        if (dr == null && n > 0) {
            warnings.add("no doubly robust estimate: too few sessions to cross-fit the outcome model"
                    + " (a fold is empty)");
        }
        if (holdoutN == 0) {
            warnings.add("no holdout sessions: no lift against doing nothing");
        }
        return new Result(n, matched, ess, logged, holdoutN, holdout, snips, dr, noOverlap, gaps,
                actions(samples), reliable, List.copyOf(warnings));
    }

    private static Interval snips(List<Sample> samples, double sumW) {
        double num = 0;
        for (Sample s : samples) {
            num += s.weight() * (s.converted() ? 1 : 0);
        }
        double v = num / sumW;
        double var = 0;
        for (Sample s : samples) {
            double w = s.weight();
            double e = (s.converted() ? 1 : 0) - v;
            var += w * w * e * e;
        }
        return rate(v, Math.sqrt(var) / sumW);
    }

    /** Cross-fitted DR; null when either fold is empty (no model to score the other with). */
    private static Interval dr(List<Sample> samples) {
        List<List<Sample>> folds = List.of(new ArrayList<>(), new ArrayList<>());
        samples.forEach(s -> folds.get(s.fold()).add(s));
        if (folds.get(0).isEmpty() || folds.get(1).isEmpty()) {
            return null;
        }
        OutcomeModel[] models = {OutcomeModel.fit(folds.get(1)), OutcomeModel.fit(folds.get(0))};
        int n = samples.size();
        double[] psi = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            OutcomeModel q = models[s.fold()];
            double direct = 0;
            for (var e : s.candidate().entrySet()) {
                direct += e.getValue() * q.rate(s.context(), e.getKey());
            }
            psi[i] = direct + s.weight() * ((s.converted() ? 1 : 0) - q.rate(s.context(), s.action()));
            sum += psi[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : psi) {
            ss += (x - mean) * (x - mean);
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
        return rate(mean, se);
    }

    /**
     * The empirical conversion rate per (context, action), shrunk towards the action's rate over all
     * contexts, which is shrunk towards the overall rate (the overall rate itself with a uniform prior).
     */
    record OutcomeModel(Map<String, long[]> byContextAction, Map<String, long[]> byAction, double overall) {

        static OutcomeModel fit(List<Sample> samples) {
            Map<String, long[]> cells = new HashMap<>();
            Map<String, long[]> actions = new HashMap<>();
            long conversions = 0;
            for (Sample s : samples) {
                int r = s.converted() ? 1 : 0;
                long[] c = cells.computeIfAbsent(s.context() + '|' + s.action(), k -> new long[2]);
                c[0]++;
                c[1] += r;
                long[] a = actions.computeIfAbsent(s.action(), k -> new long[2]);
                a[0]++;
                a[1] += r;
                conversions += r;
            }
            return new OutcomeModel(cells, actions, (conversions + 1.0) / (samples.size() + 2.0));
        }

        double rate(String context, String action) {
            long[] a = byAction.getOrDefault(action, new long[2]);
            double actionRate = (a[1] + PSEUDO_SESSIONS * overall) / (a[0] + PSEUDO_SESSIONS);
            long[] c = byContextAction.getOrDefault(context + '|' + action, new long[2]);
            return (c[1] + PSEUDO_SESSIONS * actionRate) / (c[0] + PSEUDO_SESSIONS);
        }
    }

    /** The candidate's choices without overlap: outside the logging policy's support, or never logged there. */
    static List<Gap> gaps(List<Sample> samples) {
        Set<String> loggedPairs = new HashSet<>();
        samples.forEach(s -> loggedPairs.add(s.context() + '|' + s.action()));
        Map<String, double[]> mass = new TreeMap<>();
        Map<String, Boolean> unsupported = new HashMap<>();
        for (Sample s : samples) {
            for (var e : s.candidate().entrySet()) {
                boolean outside = !s.support().contains(e.getKey());
                if (e.getValue() > 0 && (outside || !loggedPairs.contains(s.context() + '|' + e.getKey()))) {
                    String key = s.context() + '|' + e.getKey();
                    mass.computeIfAbsent(key, k -> new double[1])[0] += e.getValue();
                    unsupported.merge(key, outside, Boolean::logicalOr);
                }
            }
        }
        List<Gap> gaps = new ArrayList<>();
        mass.forEach((key, m) -> {
            int bar = key.indexOf('|');
            gaps.add(new Gap(key.substring(0, bar), key.substring(bar + 1), m[0], unsupported.get(key)));
        });
        gaps.sort((a, b) -> Double.compare(b.sessions(), a.sessions()));
        return List.copyOf(gaps);
    }

    private static String noOverlapWarning(double share, List<Gap> gaps) {
        StringBuilder w = new StringBuilder("no overlap: ").append(round(share * 100, 1))
                .append("% of the candidate's choices are actions the logging policy ")
                .append("could not take or never took in that context (");
        for (int i = 0; i < Math.min(EXAMPLES, gaps.size()); i++) {
            Gap g = gaps.get(i);
            w.append(i == 0 ? "" : "; ").append(g.action()).append(" in ").append(g.context()).append(", ")
                    .append(round(g.sessions(), 1)).append(" sessions")
                    .append(g.unsupported() ? ", propensity 0" : ", never logged");
        }
        if (gaps.size() > EXAMPLES) {
            w.append("; ").append(gaps.size() - EXAMPLES).append(" more");
        }
        return w.append("): the estimate cannot see how those sessions convert").toString();
    }

    private static List<ActionRow> actions(List<Sample> samples) {
        Map<String, double[]> rows = new TreeMap<>(); // logged, conversions, candidate, matched
        for (Sample s : samples) {
            double[] r = rows.computeIfAbsent(s.action(), k -> new double[4]);
            r[0]++;
            r[1] += s.converted() ? 1 : 0;
            r[3] += s.weight() > 0 ? 1 : 0;
            for (var e : s.candidate().entrySet()) {
                if (e.getValue() > 0) {
                    rows.computeIfAbsent(e.getKey(), k -> new double[4])[2] += e.getValue();
                }
            }
        }
        List<ActionRow> out = new ArrayList<>();
        rows.forEach((a, r) -> out.add(new ActionRow(a, (long) r[0], (long) r[1], r[2], (long) r[3])));
        return List.copyOf(out);
    }

    private static Estimate withLift(Interval rate, Interval holdout, long holdoutN) {
        if (holdout == null) {
            return new Estimate(rate, null);
        }
        double p = holdout.value();
        double d = rate.value() - p;
        double se = Math.sqrt(rate.standardError() * rate.standardError() + p * (1 - p) / holdoutN);
        return new Estimate(rate, new Interval(d, Math.max(-1, d - Z * se), Math.min(1, d + Z * se), se));
    }

    private static Interval rate(double v, double se) {
        return new Interval(v, Math.max(0, v - Z * se), Math.min(1, v + Z * se), se);
    }

    private static Interval wilson(long successes, long n) {
        double[] ci = LiftStats.wilson(successes, n);
        double p = n == 0 ? 0 : (double) successes / n;
        return new Interval(p, ci[0], ci[1], n == 0 ? 0 : Math.sqrt(p * (1 - p) / n));
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
