package io.moments.lift.offpolicy;

import io.moments.decide.Action;
import io.moments.decide.Decision;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Holdout;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.decide.Trigger;
import io.moments.labels.LabelTrack;
import io.moments.privacy.PersonalizationConsent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides each logged session's first moment again under a candidate policy, with the real
 * {@link PolicyEngine} on the logged context, and pairs what the candidate would do with what was done
 * and how the session ended: the samples of an {@link OffPolicyEstimate}.
 *
 * <p>The logged context is the decision/v1 line (labels, confidence, momentum, stage, moment,
 * triggers, session id and time) and its audit/v1 record (per-modality signals, conflicting labels,
 * trigger details and the consent verdict). What is not re-run: the labeler and the friction patterns
 * (the moments are the logged ones, so a candidate's other thresholds or patterns are not seen) and the
 * consent rules (the logged verdict stands: the raw consent signals are not logged, on purpose). A
 * first decision has no history, so cooldowns and caps start empty, as they did.
 *
 * <p>The holdout: the split is a hash of the session id, independent of everything the policy sees,
 * so the treatment sessions are a random sample of all sessions. The estimate is of the candidate's
 * treatment (what it does to the sessions it acts on), from the logged treatment sessions, each
 * weighed by the propensity of its action given treatment; the logged holdout sessions are the
 * baseline (doing nothing) for the lift. A logged treatment session the candidate would hold out (a
 * larger holdout share) is left out, which keeps the sample random; with equal shares no session is,
 * as the buckets are the same.
 *
 * <p>A candidate that learns is estimated as it starts: choosing among its allowed interventions by
 * Thompson sampling from its priors alone (evenly, with the same prior for every arm).
 */
public final class CandidateReplay {

    public static final String NO_PROPENSITY = "no_propensity";
    public static final String NO_AUDIT = "no_audit";
    public static final String AUDIT_WITHOUT_CONTEXT = "audit_without_context";
    public static final String CANDIDATE_HOLDOUT = "candidate_holdout";
    public static final String CANDIDATE_FAILED = "candidate_failed";

    private CandidateReplay() {}

    /**
     * @param treatment        the logged treatment sessions the candidate was weighed on
     * @param skipped          logged treatment sessions left out, by reason ({@link #NO_PROPENSITY}, ...)
     * @param loggingPolicies  the policy versions of the logged first decisions
     */
    public record Samples(List<OffPolicyEstimate.Sample> treatment, long holdoutN, long holdoutConversions,
                          Map<String, Long> skipped, Set<String> loggingPolicies, boolean candidateLearns) {}

    public static Samples of(Policy candidate, DecisionLog log) {
        long window = candidate.learning().attributionWindowMs();
        List<OffPolicyEstimate.Sample> samples = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Set<String> versions = new TreeSet<>();
        long holdoutN = 0;
        long holdoutConversions = 0;
        for (DecisionLog.Session s : log.sessions().values()) {
            DecisionLog.Logged d = s.first();
            versions.add(d.policyVersion());
            boolean converted = s.converted(window);
            if (d.heldOut()) {
                holdoutN++;
                holdoutConversions += converted ? 1 : 0;
                continue;
            }
            String skip = null;
            if (d.propensity() == null || !(d.propensity() > 0 && d.propensity() <= 1)) {
                skip = NO_PROPENSITY;
            } else if (s.audit() == null) {
                skip = NO_AUDIT;
            } else if (!s.audit().complete()) {
                skip = AUDIT_WITHOUT_CONTEXT;
            }
            PolicyEngine.Verdict v = null;
            if (skip == null) {
                try {
                    v = decideAgain(candidate, d, s.audit());
                    if (v.decision().group().equals(Decision.HOLDOUT)) {
                        skip = CANDIDATE_HOLDOUT;
                    }
                } catch (RuntimeException e) {
                    skip = CANDIDATE_FAILED;
                }
            }
            if (skip != null) {
                skipped.merge(skip, 1L, Long::sum);
                continue;
            }
            samples.add(new OffPolicyEstimate.Sample(context(d), d.action(), d.propensity(), converted,
                    choices(candidate, v), support(d, s.audit()), Holdout.bucket(d.sessionId()) % 2));
        }
        return new Samples(List.copyOf(samples), holdoutN, holdoutConversions, skipped, versions,
                candidate.learning().enabled());
    }

    /** The candidate's verdict on the logged first moment, from the logged context, with no history. */
    static PolicyEngine.Verdict decideAgain(Policy candidate, DecisionLog.Logged d, DecisionLog.Audit a) {
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < d.triggers().size(); i++) {
            String detail = i < a.triggerDetails().size() ? a.triggerDetails().get(i) : "";
            triggers.add(new Trigger(d.triggers().get(i), detail));
        }
        LabelTrack track = new LabelTrack();
        track.values = d.labels();
        track.confidence = d.labelConfidence();
        track.momentum = d.momentum();
        track.behaviour = a.behaviour();
        track.text = a.text();
        track.face = a.face();
        track.voice = a.voice();
        track.conflictingLabels = a.conflictingLabels();
        track.stage = d.stage();
        track.moment = d.moment();
        PersonalizationConsent consent = new PersonalizationConsent(a.personalizationAllowed(), a.consentJurisdiction(),
                a.consentSignal(), a.consentBasis());
        return PolicyEngine.decide(candidate, d.sessionId(), d.ts(), triggers, track, consent, new DecisionHistory(),
                new ThompsonBandit(), d.emittedAt());
    }

    /** The candidate's probability of each action: its choice, or Thompson sampling's chances over the allowed set. */
    static Map<String, Double> choices(Policy candidate, PolicyEngine.Verdict v) {
        Action action = v.decision().action();
        if (!action.type().equals(Action.INTERVENTION)) {
            return Map.of("none", 1.0);
        }
        if (!v.audit().chooser().equals("thompson")) {
            return Map.of(action.intervention(), 1.0);
        }
        List<String> allowed = List.of(v.audit().allowed());
        double[] p = new ThompsonBandit().choiceProbabilities(v.banditContext(), allowed,
                candidate.learning().priorSuccesses(), candidate.learning().priorFailures(),
                Long.parseUnsignedLong(v.decision().decisionId().substring(16, 31), 16));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            out.put(allowed.get(i), p[i]);
        }
        return out;
    }

    /** What the logging policy could have done here: its one choice, or every allowed arm when Thompson chose. */
    static Set<String> support(DecisionLog.Logged d, DecisionLog.Audit a) {
        if (d.actionType().equals(Action.INTERVENTION) && a.chooser().equals("thompson")) {
            return Set.copyOf(a.allowed());
        }
        return Set.of(d.action());
    }

    /** The outcome model's context: the logged rule and stage, the context the bandit learns in. */
    static String context(DecisionLog.Logged d) {
        return d.rule() + "@" + d.stage().name().toLowerCase(Locale.ROOT);
    }
}
