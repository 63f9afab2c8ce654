package io.moments.decide;

/**
 * How a session that got at least one decision ended, for lift: its arm, the intervention it got
 * (or, in the holdout, would have got) at its first decision, and whether it converted within the
 * attribution window.
 *
 * @param labelBand  band of the strongest label at the first decision: low (&lt; 0.4), mid, high (≥ 0.7)
 * @param ts         event time at which the outcome became known (conversion, or session expiry)
 */
public record SessionOutcome(String sessionId, String group, String intervention, String rule, String labelBand,
                             boolean converted, double value, long decidedAt, long ts) {}
