package io.moments.ingest;

/** {@code outcome/v1} types: what happened after decisions (used for lift). */
public enum OutcomeType {
    PURCHASE, LEAD, SURVEY
}
