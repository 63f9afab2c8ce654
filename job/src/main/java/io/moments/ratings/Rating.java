package io.moments.ratings;

import io.moments.models.Label;

import java.util.Map;

/**
 * One {@code rating/v1} line: how strongly a rater judged the shopper of {@code sessionId} to be in each
 * rated state right after event {@code eventId} (0..1 each; labels left out are not rated).
 *
 * @param line the line of the ratings file it was on (1-based)
 * @param rater the rater's pseudonym, or null
 */
public record Rating(int line, String sessionId, String eventId, String rater, Map<Label, Double> labels) {

    public static final String SCHEMA = "rating/v1";
}
