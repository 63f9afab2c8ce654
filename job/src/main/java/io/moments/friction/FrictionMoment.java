package io.moments.friction;

/**
 * A friction pattern matched in a session.
 *
 * @param pattern  the pattern's id, as the policy publishes it
 * @param ts       event time at which the moment is established (for an absence: its deadline)
 * @param startTs  event time of the first event of the match
 * @param detail   human-readable evidence, no user content
 * @param absence  whether it fired at an absence's deadline (a pause) rather than on an event
 */
public record FrictionMoment(String sessionId, String pattern, long ts, long startTs, String detail, boolean absence) {}
