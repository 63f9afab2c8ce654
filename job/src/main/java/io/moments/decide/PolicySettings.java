package io.moments.decide;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the default policy ({@code moments.policy.*}).
 *
 * @param version          recorded in every decision
 * @param holdoutPercent   share of sessions (0..100) held out, chosen by a hash of the session id
 * @param maxActs          at most this many actions per session within {@code capWindow}
 * @param capWindow        the frequency-cap window (event time)
 * @param cooldown         the same trigger acts at most once per cooldown
 * @param highLabel        a frustration or hesitation value at or above this suppresses pressure tactics
 * @param minConfidence    below this the decision is ambiguous and only safe interventions are used
 */
public record PolicySettings(String version, int holdoutPercent, int maxActs, Duration capWindow,
                             Duration cooldown, double highLabel, double minConfidence) implements Serializable {

    public static final PolicySettings DEFAULTS = new PolicySettings(
            "default-v1", 10, 3, Duration.ofMinutes(10), Duration.ofMinutes(2), 0.5, 0.5);
}
