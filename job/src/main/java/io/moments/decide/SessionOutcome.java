package io.moments.decide;

import io.moments.ingest.InteractionType;
import io.moments.ingest.OutcomeType;
import io.moments.ingest.ShopperEvent;

/**
 * A lift event of a session that got at least one decision: its exposure (at its first decision)
 * or its conversion (at most once, within the attribution window). Both carry the session's arm and
 * the intervention it got (or, in the holdout, would have got) at its first decision. Counting
 * exposures when they happen keeps sessions that never convert in the denominator from the start.
 *
 * <p>What counts as a conversion ({@link #conversionValue}) and when it is the first decision's
 * ({@link #attributed}) is said here once, for the job's lift report and bandit and for the
 * off-policy estimate of a candidate policy from logged decisions (io.moments.lift.offpolicy).
 *
 * @param converted  false: the exposure; true: the conversion
 * @param labelBand  band of the strongest label at the first decision: low (&lt; 0.4), mid, high (≥ 0.7)
 * @param ts         event time of the exposure or conversion
 */
public record SessionOutcome(String sessionId, String group, String intervention, String rule, String labelBand,
                             boolean converted, double value, long decidedAt, long ts) {

    /** The value of a purchase or lead, or NaN when the event is no conversion. */
    public static double conversionValue(ShopperEvent e) {
        boolean converted = e.is(InteractionType.PURCHASE)
                || (e.outcome() != null && (e.outcome().type() == OutcomeType.PURCHASE
                || e.outcome().type() == OutcomeType.LEAD));
        if (!converted) {
            return Double.NaN;
        }
        return e.outcome() != null && e.outcome().value() != null ? e.outcome().value()
                : e.interaction() != null && e.interaction().value() != null ? e.interaction().value() : 0;
    }

    /**
     * Whether a conversion at {@code conversionAt}, seen after the session's first decision, is that
     * decision's: within the attribution window ({@code learning.attributionWindowSeconds}) of it. The job
     * sees a session's events in arrival order and only counts conversions that come after its first
     * decision (one at the decision's own instant comes before it); an offline reader in event-time order
     * applies the same rule to the conversions later than the first decision.
     */
    public static boolean attributed(long firstDecisionAt, long conversionAt, long attributionWindowMs) {
        return conversionAt - firstDecisionAt <= attributionWindowMs;
    }
}
