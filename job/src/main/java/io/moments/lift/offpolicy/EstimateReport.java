package io.moments.lift.offpolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.decide.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A candidate's estimate as one JSON line (for scripts) and a short table (for people): what
 * {@code ./moments replay --policy P --estimate --outcomes F} prints.
 */
public final class EstimateReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String candidate;
    private final long attributionWindowMs;
    private final DecisionLog.Counts log;
    private final CandidateReplay.Samples samples;
    private final OffPolicyEstimate.Result result;
    private final List<String> warnings;

    private EstimateReport(String candidate, long attributionWindowMs, DecisionLog.Counts log,
                           CandidateReplay.Samples samples, OffPolicyEstimate.Result result) {
        this.candidate = candidate;
        this.attributionWindowMs = attributionWindowMs;
        this.log = log;
        this.samples = samples;
        this.result = result;
        this.warnings = warnings(log, samples, result);
    }

    /** Decides the log's sessions again under the candidate, and estimates. */
    public static EstimateReport of(Policy candidate, DecisionLog log) {
        CandidateReplay.Samples samples = CandidateReplay.of(candidate, log);
        OffPolicyEstimate.Result result = OffPolicyEstimate.estimate(samples.treatment(), samples.holdoutN(),
                samples.holdoutConversions());
        return new EstimateReport(candidate.version(), candidate.learning().attributionWindowMs(), log.counts(),
                samples, result);
    }

    public OffPolicyEstimate.Result result() {
        return result;
    }

    /** The estimator's warnings and the replay's own (sessions left out, a learning candidate, unreadable lines). */
    public List<String> warnings() {
        return warnings;
    }

    private static List<String> warnings(DecisionLog.Counts log, CandidateReplay.Samples samples,
                                         OffPolicyEstimate.Result result) {
        List<String> w = new ArrayList<>(result.warnings());
        long left = samples.skipped().values().stream().mapToLong(Long::longValue).sum();
        if (left > 0) {
            StringBuilder s = new StringBuilder().append(left).append(" logged treatment sessions left out:");
            samples.skipped().forEach((reason, count) -> s.append(' ').append(reason).append(' ').append(count));
            if (samples.skipped().containsKey(CandidateReplay.NO_PROPENSITY)) {
                s.append(" (decisions without a propensity, from before it was logged)");
            }
            if (samples.skipped().containsKey(CandidateReplay.NO_AUDIT)
                    || samples.skipped().containsKey(CandidateReplay.AUDIT_WITHOUT_CONTEXT)) {
                s.append(" (deciding again needs each decision's audit/v1 record, with conflictingLabels and"
                        + " personalizationAllowed)");
            }
            w.add(s.toString());
        }
        if (samples.candidateLearns()) {
            w.add("the candidate learns (Thompson sampling): estimated as it starts, choosing from its priors alone;"
                    + " what it would learn is not estimated");
        }
        if (log.unreadable() > 0) {
            w.add(log.unreadable() + " unreadable lines ignored");
        }
        return List.copyOf(w);
    }

    /** The JSON line (snake_case fields; rates to 4 decimals). */
    public String json() {
        ObjectNode n = JSON.createObjectNode();
        n.put("policy", candidate);
        ArrayNode versions = n.putArray("logging_policies");
        samples.loggingPolicies().forEach(versions::add);
        n.put("attribution_window_s", attributionWindowMs / 1000);
        n.put("n", result.n());
        n.put("matched", result.matched());
        n.put("ess", OffPolicyEstimate.round(result.ess(), 1));
        n.put("logged_rate", r4(result.logged().value()));
        estimate(n, "snips", result.snips());
        estimate(n, "dr", result.dr());
        if (result.holdout() == null) {
            n.putNull("holdout");
        } else {
            ObjectNode h = n.putObject("holdout");
            h.put("n", result.holdoutN());
            h.put("rate", r4(result.holdout().value()));
            h.put("ci_low", r4(result.holdout().ciLow()));
            h.put("ci_high", r4(result.holdout().ciHigh()));
        }
        n.put("interval", OffPolicyEstimate.INTERVAL);
        n.put("no_overlap_share", r4(result.noOverlap()));
        n.put("reliable", result.reliable());
        ArrayNode w = n.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode t = n.putObject("thresholds");
        t.put("min_ess", OffPolicyEstimate.MIN_ESS);
        t.put("min_ess_share", OffPolicyEstimate.MIN_ESS_SHARE);
        t.put("max_no_overlap_share", OffPolicyEstimate.MAX_NO_OVERLAP_SHARE);
        ObjectNode skipped = n.putObject("skipped");
        samples.skipped().forEach(skipped::put);
        ArrayNode actions = n.putArray("actions");
        for (OffPolicyEstimate.ActionRow a : result.actions()) {
            ObjectNode row = actions.addObject();
            row.put("action", a.action());
            row.put("logged", a.logged());
            row.put("logged_rate", a.logged() == 0 ? 0 : r4((double) a.conversions() / a.logged()));
            row.put("candidate", OffPolicyEstimate.round(a.candidate(), 1));
            row.put("matched", a.matched());
        }
        ObjectNode l = n.putObject("log");
        l.put("lines", log.lines());
        l.put("decisions", log.decisions());
        l.put("audits", log.audits());
        l.put("conversions", log.conversions());
        l.put("ignored", log.ignored());
        l.put("unreadable", log.unreadable());
        return n.toString();
    }

    private static void estimate(ObjectNode n, String field, OffPolicyEstimate.Estimate e) {
        if (e == null) {
            n.putNull(field);
            return;
        }
        ObjectNode o = n.putObject(field);
        o.put("rate", r4(e.rate().value()));
        o.put("ci_low", r4(e.rate().ciLow()));
        o.put("ci_high", r4(e.rate().ciHigh()));
        if (e.lift() != null) {
            o.put("lift", r4(e.lift().value()));
            o.put("lift_ci_low", r4(e.lift().ciLow()));
            o.put("lift_ci_high", r4(e.lift().ciHigh()));
        }
    }

    /** The table: estimates, the holdout, overlap and the actions, then the warnings. */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "candidate %s on %d logged treatment sessions (logged by %s; "
                        + "attribution window %d min)%n", candidate, result.n(),
                String.join(", ", samples.loggingPolicies()), attributionWindowMs / 60_000));
        t.append(String.format(Locale.ROOT, "%-10s %8s  %-17s  %8s  %-17s%n", "", "rate", "95% interval",
                "lift", "95% interval"));
        t.append(String.format(Locale.ROOT, "%-10s %8.4f%n", "logged", result.logged().value()));
        row(t, "SNIPS", result.snips());
        row(t, "DR", result.dr());
        if (result.holdout() != null) {
            t.append(String.format(Locale.ROOT, "%-10s %8.4f  %-17s  (n %d)%n", "holdout", result.holdout().value(),
                    interval(result.holdout()), result.holdoutN()));
        }
        t.append(String.format(Locale.ROOT, "matched %d of %d, ESS %.1f, no overlap %.1f%%: %s%n", result.matched(),
                result.n(), result.ess(), result.noOverlap() * 100, result.reliable() ? "reliable" : "NOT RELIABLE"));
        t.append(String.format(Locale.ROOT, "%-26s %7s %8s %10s %8s%n", "action", "logged", "rate", "candidate",
                "matched"));
        for (OffPolicyEstimate.ActionRow a : result.actions()) {
            t.append(String.format(Locale.ROOT, "%-26s %7d %8.4f %10.1f %8d%n", a.action(), a.logged(),
                    a.logged() == 0 ? 0 : (double) a.conversions() / a.logged(), a.candidate(), a.matched()));
        }
        for (String w : warnings) {
            t.append("warning: ").append(w).append(System.lineSeparator());
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String name, OffPolicyEstimate.Estimate e) {
        if (e == null) {
            t.append(String.format(Locale.ROOT, "%-10s %8s%n", name, "-"));
            return;
        }
        t.append(String.format(Locale.ROOT, "%-10s %8.4f  %-17s  %s%n", name, e.rate().value(), interval(e.rate()),
                e.lift() == null ? "" : String.format(Locale.ROOT, "%+8.4f  %-17s", e.lift().value(),
                        interval(e.lift()))));
    }

    private static String interval(OffPolicyEstimate.Interval i) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", i.ciLow(), i.ciHigh());
    }

    private static double r4(double v) {
        return OffPolicyEstimate.round(v, 4);
    }

    /** For tests: the skipped counts. */
    Map<String, Long> skipped() {
        return samples.skipped();
    }
}
