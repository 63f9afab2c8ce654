package io.moments.decide;

import io.moments.labels.FunnelStage;
import io.moments.labels.Moment;
import io.moments.models.LabelScores;

/**
 * A {@code decision/v1} record: one per moment that matters (friction match or label crossing),
 * whether acted on, held out or suppressed. Explains itself: triggers, fused labels with their
 * confidence and momentum, the rule that matched, group, action with reason, policy version and a
 * sentence; the audit topic has the full trail under the same {@code decisionId}.
 *
 * @param decisionId deterministic (session, event time, triggers): a replay yields the same ids
 * @param ts         event time of the moment, epoch ms
 * @param emittedAt  processing time the decision was made, epoch ms
 * @param modalities the signal sources behind the labels (behaviour, text, face, voice)
 * @param expiresAt  event time after which the decision is stale, epoch ms: the moment plus the
 *                   intervention's (or the policy's) expiry
 * @param targeting  what an ad server may receive; null when personalization is not allowed or the
 *                   session is held out
 * @param propensity the probability, under the policy that decided, of the step that chose the action: given
 *                   the session's group, 1 for the rule order and the estimated chance of winning the Thompson
 *                   race when learning chose; for a holdout decision the chance of the holdout split
 *                   ({@code holdoutPercent / 100}), in (0, 1]. Off-policy estimates weigh by it
 *                   (docs/decisions.md, "Estimating a candidate before it ships")
 */
public record Decision(
        String decisionId,
        String sessionId,
        long ts,
        long emittedAt,
        Moment moment,
        FunnelStage stage,
        LabelScores labels,
        LabelScores labelConfidence,
        LabelScores momentum,
        String[] modalities,
        double confidence,
        boolean ambiguous,
        String[] triggers,
        String rule,
        String group,
        Action action,
        double propensity,
        String policyVersion,
        String explanation,
        long expiresAt,
        Targeting targeting) {

    public static final String SCHEMA = "decision/v1";
    public static final String TREATMENT = "treatment";
    public static final String HOLDOUT = "holdout";
}
