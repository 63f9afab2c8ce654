package io.moments.decide;

/**
 * What a decision asks the ad server / CMS to do.
 *
 * @param type              {@code intervention} or {@code none}
 * @param intervention      the content intervention (for {@code none}: the one withheld, if any)
 * @param adTone            tone for ads shown in this moment
 * @param suppressedTactics tactics the consumer must not use now (e.g. urgency while frustrated)
 * @param personalized      whether the action uses personal data (consent permitting)
 * @param reason            why this action and not another
 */
public record Action(String type, String intervention, String adTone, String[] suppressedTactics,
                     boolean personalized, String reason) {

    public static final String INTERVENTION = "intervention";
    public static final String NONE = "none";
}
