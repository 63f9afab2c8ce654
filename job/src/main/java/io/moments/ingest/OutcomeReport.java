package io.moments.ingest;

/** The {@code outcome/v1} specific part of an event. */
public record OutcomeReport(OutcomeType type, Double value, String answer, String decisionId) {}
