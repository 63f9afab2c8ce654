package io.moments.lift;

/**
 * One row of a lift report ({@code lift/v1}): treatment vs holdout conversion for one slice of
 * sessions, as of an event time. A session counts once, by its first decision.
 *
 * @param dimension {@code all}, {@code intervention} (what treatment got / holdout would have got)
 *                  or {@code label_band} (strength of the strongest label at the first decision)
 * @param lift      treatment rate minus holdout rate; {@code ciLow..ciHigh} its 95 % interval
 */
public record LiftReport(String dimension, String value, long asOf, long treatmentSessions, long treatmentConversions,
                         long holdoutSessions, long holdoutConversions, double treatmentRate, double holdoutRate,
                         double lift, double ciLow, double ciHigh) {

    public static final String SCHEMA = "lift/v1";

    public String key() {
        return dimension + "=" + value;
    }
}
