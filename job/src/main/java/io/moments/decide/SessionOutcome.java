package io.moments.decide;

/**
 * A lift event of a session that got at least one decision: its exposure (at its first decision)
 * or its conversion (at most once, within the attribution window). Both carry the session's arm and
 * the intervention it got (or, in the holdout, would have got) at its first decision. Counting
 * exposures when they happen keeps sessions that never convert in the denominator from the start.
 *
 * @param converted  false: the exposure; true: the conversion
 * @param labelBand  band of the strongest label at the first decision: low (&lt; 0.4), mid, high (≥ 0.7)
 * @param ts         event time of the exposure or conversion
 */
public record SessionOutcome(String sessionId, String group, String intervention, String rule, String labelBand,
                             boolean converted, double value, long decidedAt, long ts) {}
