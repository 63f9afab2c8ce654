package io.moments.friction;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the friction patterns ({@code moments.friction.*}).
 *
 * @param checkoutPause       silence after a checkout step that counts as a pause (and abandonment)
 * @param pricingContactWithin how soon after a pricing view contact intent counts
 * @param rageClicks          clicks on one target that count as rage
 * @param rageClickWithin     ...within this span
 * @param formErrors          form errors that count as a loop
 * @param formErrorWithin     ...within this span
 */
public record FrictionSettings(
        Duration checkoutPause, Duration pricingContactWithin, int rageClicks, Duration rageClickWithin,
        int formErrors, Duration formErrorWithin) implements Serializable {

    public static final FrictionSettings DEFAULTS = new FrictionSettings(
            Duration.ofSeconds(30), Duration.ofMinutes(5), 3, Duration.ofSeconds(2), 3, Duration.ofSeconds(60));
}
