package io.moments.ingest;

/**
 * Consent signals carried by a record: the IAB TCF v2 string (may be null), Global Privacy Control,
 * and explicit consent to biometric (face/voice) inference. A record without a consent object has
 * {@code consent == null}: nothing was consented.
 */
public record Consent(String tcf, boolean gpc, boolean biometric) {}
