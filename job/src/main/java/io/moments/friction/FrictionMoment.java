package io.moments.friction;

/**
 * A friction pattern matched in a session.
 *
 * @param pattern  {@code checkout_pause}, {@code pricing_contact}, {@code rage_click} or {@code form_error_loop}
 * @param ts       event time at which the moment is established (for a pause: step time + pause)
 * @param startTs  event time of the first event of the match
 * @param detail   human-readable evidence, no user content
 */
public record FrictionMoment(String sessionId, String pattern, long ts, long startTs, String detail) {}
