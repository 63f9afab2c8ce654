package io.moments.decide;

import io.moments.models.LabelScores;

/**
 * Everything behind one decision, for the audit topic: every signal, threshold and rule that took
 * part, and each step of the policy in order. A decision's {@code explanation} is the short form.
 *
 * @param weightedLabels labels after context weighting (what the rule matched on)
 * @param candidates     the matched rule's interventions; {@code allowed} what consent/ambiguity left
 * @param consentJurisdiction the consent rule's jurisdiction ({@code strict} when none placed the session)
 * @param consentSignal       the signal that decided personalization ({@code none}, {@code gpc}, {@code tcf}, {@code gpp <section>})
 * @param personalizationAllowed the consent verdict itself (with the labels, signals, conflicting labels and
 *                       the decision's stage and moment: everything needed to decide the moment again under
 *                       another policy)
 * @param conflictingLabels the labels the modalities disagree about (wire names)
 * @param chooser        {@code rule-order}, {@code thompson} or {@code holdout}
 * @param steps          the policy's steps in order, each a sentence
 */
public record AuditRecord(
        String decisionId,
        String sessionId,
        long ts,
        String policyVersion,
        String rule,
        String[] triggers,
        String[] triggerDetails,
        LabelScores labels,
        LabelScores weightedLabels,
        LabelScores labelConfidence,
        LabelScores momentum,
        LabelScores behaviour,
        LabelScores text,
        LabelScores face,
        LabelScores voice,
        String[] conflictingLabels,
        double labelThreshold,
        double minConfidence,
        String consentBasis,
        String consentJurisdiction,
        String consentSignal,
        boolean personalizationAllowed,
        int holdoutBucket,
        String[] candidates,
        String[] allowed,
        String chosen,
        String chooser,
        String[] steps) {

    public static final String SCHEMA = "audit/v1";
}
